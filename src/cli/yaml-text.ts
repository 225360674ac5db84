// YAML parsing for flag values and edited files (`patch -p`, `edit`, `version -o yaml`). Commands
// import this module lazily; its static import of `yaml` lets the bundler resolve the package's
// CommonJS build to named functions, which a bare dynamic import('yaml') does not.
export { parse, stringify } from 'yaml';
