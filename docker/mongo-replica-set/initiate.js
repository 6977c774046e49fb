// Run by the mongo-replica-set service (mongosh, as root on mongo1) at every `up`: initiates the
// replica set rs0 of the three members once, then waits until it has a primary, so that the API
// starts against a replica set that takes writes. mongo1 is preferred as primary: it holds the
// first start's data (the users), which the two others copy when they join.
const members = [
  { _id: 0, host: 'mongo1:27017', priority: 2 },
  { _id: 1, host: 'mongo2:27017', priority: 1 },
  { _id: 2, host: 'mongo3:27017', priority: 1 },
];
let initiated = true;
try {
  rs.status();
} catch (error) {
  if (error.codeName !== 'NotYetInitialized') throw error;
  initiated = false;
}
if (!initiated) {
  rs.initiate({ _id: 'rs0', members });
  print('initiated replica set rs0 (mongo1, mongo2, mongo3)');
}
const deadline = Date.now() + 120 * 1000;
while (!rs.status().members.some((member) => member.stateStr === 'PRIMARY')) {
  if (Date.now() > deadline) throw new Error('rs0 elected no primary within 120 s');
  sleep(1000);
}
print(`rs0 primary: ${rs.status().members.find((member) => member.stateStr === 'PRIMARY').name}`);
