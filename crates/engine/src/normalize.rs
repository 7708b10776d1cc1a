//! Feature scaling fitted on chosen rows (the Split lab fits on train only).
//! (Stub: arrives with the Data lab.)
