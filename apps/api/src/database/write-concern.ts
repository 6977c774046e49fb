import type { WriteConcernSettings } from 'mongodb';

/**
 * The write concern of a listener's write that is made good from what is durable when lost (the
 * messages, and the recording checkpoint that still holds them): answered without waiting for
 * the journal. On the embedded database (FerretDB's patch 0007) its commit then holds SQLite's
 * one write lock without an fsync, so that the message inserts the acknowledgements wait for no
 * longer wait for the listeners' fsyncs too. The next synced commit (a message's insert, the
 * checkpoint's heartbeat) takes it to the disk with it, as SQLite's log is written in order: a
 * crash of the machine can lose only what came after that commit, which the durable checkpoint
 * does not count as recorded yet, so RecordingRecovery records it again on restart.
 */
export const RECOVERABLE_WRITE: WriteConcernSettings = { j: false };
