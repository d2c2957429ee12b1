/work/main/bench/corpus-gen/target/release/deps/corpus_gen-44f2c0d5a157fe2e.d: src/main.rs

/work/main/bench/corpus-gen/target/release/deps/corpus_gen-44f2c0d5a157fe2e: src/main.rs

src/main.rs:
