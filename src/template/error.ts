/** A template that cannot be read or derived; its message names the file and the cause. */
export class TemplateError extends Error {}
