// `import text from './file?text'`: a file's contents as a string (esbuild.js's as-text plugin).
declare module '*?text' {
  const text: string;
  export default text;
}
