//! kubectl, as a learner types it, over the simulated cluster.
