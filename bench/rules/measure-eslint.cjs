// Runs ESLint's own CLI in this process and prints its peak RSS to stderr when it exits
// (like bench/measure-cli.cjs; /usr/bin/time is not available everywhere).
process.argv = [process.argv[0], 'eslint', ...process.argv.slice(2)];
process.on('exit', () => process.stderr.write(`maxRSS=${process.resourceUsage().maxRSS}\n`));
require('./node_modules/eslint/bin/eslint.js');
