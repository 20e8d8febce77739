use ordinal_kubectl::{Session, SessionConfig};
fn main() {
    let mut s = Session::new(SessionConfig::default());
    for line in std::env::args().skip(1) {
        let o = s.run(&line, None);
        println!(
            "$ {line}\n{}[exit {} t={}ms]",
            o.combined, o.exit_code, o.finished_ms
        );
    }
}
