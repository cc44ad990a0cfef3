//! The default theme is compiled into the binary (see `render::theme`);
//! rebuild when any of its files change.

fn main() {
    println!("cargo:rerun-if-changed=themes/newsroom");
}
