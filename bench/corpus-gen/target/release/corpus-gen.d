/work/main/bench/corpus-gen/target/release/corpus-gen: /work/main/bench/corpus-gen/src/main.rs
