// Printed first by `npm test`: the suite must run on the Node that Electron 45 embeds (24), not the machine's own.
const major = Number(process.versions.node.split('.')[0]);
console.log(`Briefdesk tests on Node ${process.version} (${process.execPath})`);
if (major < 24) {
  console.error('Node 24 is required: run the tests through npm (npm test), which puts the pinned node of node_modules/.bin first on PATH.');
  process.exit(1);
}
