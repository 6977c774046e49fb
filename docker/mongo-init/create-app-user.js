// Run by MongoDB's image once, on the first start with an empty volume, as root (mongosh). Creates
// the API's own user, with readWrite on its database alone, from the very URI the API connects
// with: the user name, the percent-encoded password and the database are written in one place.
const uri = new URL(require('fs').readFileSync('/run/secrets/mongodb_uri', 'utf8').trim());
const database = decodeURIComponent(uri.pathname.slice(1));
if (!uri.username || !uri.password || !database) {
  throw new Error('MONGODB_URI must name a user, a password and a database: mongodb://user:password@mongo:27017/promoto');
}
db.getSiblingDB(database).createUser({
  user: decodeURIComponent(uri.username),
  pwd: decodeURIComponent(uri.password),
  roles: [{ role: 'readWrite', db: database }],
});
print(`created MongoDB user ${decodeURIComponent(uri.username)} with readWrite on ${database}`);
