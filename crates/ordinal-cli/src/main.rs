fn main() {
    println!("ordinal: scenario runner (not yet implemented)");
}
