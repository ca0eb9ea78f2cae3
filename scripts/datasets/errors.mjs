/** A problem with a source package or file: the script prints it and exits 1. */
export class SourceError extends Error {
  /**
   * @param {string} file the file or package at fault
   * @param {string} reason what is wrong with it
   */
  constructor(file, reason) {
    super(`${file}: ${reason}`);
    this.name = 'SourceError';
    this.file = file;
    this.reason = reason;
  }
}
