// Units the core converts between, in one place. Quantities carry their unit in their name
// (limitMiB, readDemandBytes, diskReadMBps = 10^6 bytes/s, linkGbps = 10^9 bits/s).

/** Bytes in one MiB (2^20). */
export const MiB = 1048576;
/** MiB in one GiB. */
export const GIB_IN_MIB = 1024;
/** MiB/s carried by a 1 Gbit/s link (10^9 bits / 8 / 2^20). */
export const MIBPS_PER_GBPS = 1e9 / 8 / MiB;
