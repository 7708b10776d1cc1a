//! Small numeric helpers shared by profiling, metrics and drift.
//! (Stub: arrives with the Data lab.)
