/** Words too common to say anything about a partner or product, in both languages. */
export const STOP_ZH = new Set(
  '的 了 和 与 及 以及 等 在 是 为 对 以 将 也 可 可以 有 没有 我们 你们 他们 我 你 他 她 它 这 那 这些 那些 一个 一些 进行 通过 其 并 而 或 或者 但 但是 如果 因为 所以 就 都 又 很 更 最 还 被 把 让 从 向 到 于 之 中 上 下 里 内 外 前 后 多 少 大 小 个 种 些 年 月 日 做 用 能 会 要 想 去 来 说 看 着 过 得 地 吗 呢 吧 啊 常 见 长 为主 居多 其中 各种 主要 提供 覆盖 多个 大量 可以 以及 关注 擅长 分享 聚焦 面向 提供 常做 主打 偏 占 多数'.split(' '),
);

export const STOP_EN = new Set(
  'a an the and or but if of to in on at by for with from as is are was were be been being it its this that these those their there here we you he she they them our your his her i me my not no yes do does did done has have had can could will would should may might must than then so such very more most less least also just only into over under about after before between through during per via up down out off again further once all any both each few other some own same too s t don now new one two three'.split(' '),
);
