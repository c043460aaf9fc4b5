// Package sharedcache is the key-value cache behind the server's provider
// caches (Meet Hour access tokens, meetings, member JWTs). [Memory] keeps it
// in one process, bounded in size and age; a Redis implementation lets
// several server instances share it.
package sharedcache
