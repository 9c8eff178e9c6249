/** A usage or I/O problem: printed as one line, exit code 2. */
export class UsageError extends Error {}
