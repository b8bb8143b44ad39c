//! The assessment loader on arbitrary bytes: it may refuse them, it must never panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use soc2_ready::assessment::store;

fuzz_target!(|data: &[u8]| {
    if let Ok(a) = store::parse(data) {
        // Whatever is accepted writes back to bytes that are accepted again, unchanged.
        let back = store::parse(&store::to_bytes(&a)).expect("what was read once reads again");
        assert_eq!(back, a);
    }
});
