// Runs the bundled CLI in this process and prints its peak RSS to stderr when it exits.
process.argv = [process.argv[0], 'seclife', ...process.argv.slice(2)];
process.on('exit', () => process.stderr.write(`maxRSS=${process.resourceUsage().maxRSS}\n`));
require('../dist/seclife.js');
