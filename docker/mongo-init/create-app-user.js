// Run by MongoDB's image once, on the first start with an empty volume, as root (mongosh). Creates
// the API's own user, with readWrite on its database alone, from the very URI the API connects
// with: the user name, the percent-encoded password and the database are written in one place.
// The URI names the replica set's three members (mongo1:27017,mongo2:27017,…), which the URL
// parser refuses as one host: they are set aside, only the user, password and database count here.
const uri = new URL(require('fs').readFileSync('/run/secrets/mongodb_uri', 'utf8').trim().replace(/@[^/?]+/, '@members'));
const database = decodeURIComponent(uri.pathname.slice(1));
if (!uri.username || !uri.password || !database) {
  throw new Error('MONGODB_URI must name a user, a password and a database: mongodb://user:password@mongo1:27017,mongo2:27017,mongo3:27017/promoto?replicaSet=rs0');
}
db.getSiblingDB(database).createUser({
  user: decodeURIComponent(uri.username),
  pwd: decodeURIComponent(uri.password),
  roles: [{ role: 'readWrite', db: database }],
});
print(`created MongoDB user ${decodeURIComponent(uri.username)} with readWrite on ${database}`);
