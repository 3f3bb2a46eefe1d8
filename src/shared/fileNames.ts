/**
 * A file name as Tandem stores and shows it: the last path part only, without control
 * characters, the characters Windows refuses (<>:"|?*), leading dots (`..`, hidden files) or
 * the trailing dots and spaces Windows drops (`evil.bat.` is `evil.bat` there), at most 255
 * characters. Empty after that: ''. Evidence names are stored this way, and a received
 * project whose evidence names are not is refused.
 */
export function plainFileName(name: string): string {
  const last = name.replace(/\\/g, '/').split('/').pop() ?? '';
  return last
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .replace(/[. ]+$/, '')
    .replace(/^\.+/, '')
    .slice(0, 255);
}
