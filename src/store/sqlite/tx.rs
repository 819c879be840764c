//! The shared transaction helpers, for SQLite.

use super::Tx;
use crate::store::sql::prelude::*;

crate::store::sql::tx::tx_helpers!();
crate::store::sql::transition::transition_helpers!();
