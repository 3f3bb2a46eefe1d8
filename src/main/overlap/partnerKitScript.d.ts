declare module 'virtual:partner-kit-script' {
  /** The partner kit's script, bundled and minified (scripts/partnerKitPlugin.ts). */
  const script: string;
  export default script;
}
