use super::*;
use std::collections::BTreeMap;

/// A host that records commands and keeps files in memory.
#[derive(Default)]
struct Fake {
    files: BTreeMap<String, String>,
    ran: Vec<Vec<String>>,
}

impl Host for Fake {
    fn shell_name(&self) -> &str {
        "sh"
    }
    fn exec(&mut self, _sh: &mut Shell, argv: &[String], stdin: Option<&str>) -> Exec {
        self.ran.push(argv.to_vec());
        match argv[0].as_str() {
            "hostname" => Exec::ok("web-0\n"),
            "cat" => match argv.get(1) {
                Some(p) => match self.files.get(p) {
                    Some(d) => Exec::ok(d.clone()),
                    None => Exec::fail(
                        format!("cat: can't open '{p}': No such file or directory\n"),
                        1,
                    ),
                },
                None => Exec::ok(stdin.unwrap_or("").to_string()),
            },
            "upper" => Exec::ok(stdin.unwrap_or("").to_uppercase()),
            _ => Exec::fail(format!("sh: {}: not found\n", argv[0]), 127),
        }
    }
    fn read_file(&mut self, path: &str) -> Result<String, String> {
        self.files
            .get(path)
            .cloned()
            .ok_or_else(|| format!("can't open '{path}': No such file or directory"))
    }
    fn write_file(&mut self, path: &str, data: &str, append: bool) -> Result<(), String> {
        let e = self.files.entry(path.to_string()).or_default();
        if !append {
            e.clear();
        }
        e.push_str(data);
        Ok(())
    }
}

fn run(src: &str) -> (Exec, Fake) {
    let mut host = Fake::default();
    let script = parse(src).unwrap_or_else(|e| panic!("{src}: {e}"));
    let mut sh = Shell::new();
    let r = sh.run(&mut host, &script, None);
    (r, host)
}

#[test]
fn tutorial_for_loop_with_quoted_variable() {
    let (r, host) = run("for i in 0 1; do echo \"web-$i\"; done");
    assert_eq!(r.output.stdout(), "web-0\nweb-1\n");
    assert!(host.ran.is_empty());
}

#[test]
fn command_substitution_and_redirect() {
    let (r, host) = run("echo \"$(hostname)\" > /usr/share/nginx/html/index.html; cat /usr/share/nginx/html/index.html");
    assert_eq!(r.output.stdout(), "web-0\n");
    assert_eq!(host.files["/usr/share/nginx/html/index.html"], "web-0\n");
}

#[test]
fn append_pipes_and_status() {
    let (r, _) =
        run("echo a > f; echo b >> f; cat f | upper; cat missing || echo fallback; echo $?");
    assert_eq!(r.output.stdout(), "A\nB\nfallback\n0\n");
    assert_eq!(
        r.output.stderr(),
        "cat: can't open 'missing': No such file or directory\n"
    );
}

#[test]
fn heredoc_feeds_stdin() {
    let (r, _) = run("cat <<EOF\nhello $X\nEOF\ncat <<'EOF'\nraw $X\nEOF\n");
    assert_eq!(r.output.stdout(), "hello \nraw $X\n");
}

#[test]
fn single_quotes_keep_dollar_and_unknown_command_fails() {
    let (r, _) = run("echo '$HOME' && nope; echo after");
    assert_eq!(r.output.stdout(), "$HOME\nafter\n");
    assert_eq!(r.output.stderr(), "sh: nope: not found\n");
}

#[test]
fn parse_errors_are_reported() {
    assert_eq!(
        parse("echo 'open").unwrap_err(),
        ParseError::UnterminatedQuote('\'')
    );
    assert!(matches!(
        parse("for i in 1 2; do echo"),
        Err(ParseError::UnexpectedEof)
    ));
    assert!(matches!(
        parse("echo a ;; b"),
        Err(ParseError::Unexpected(_))
    ));
    assert!(matches!(
        parse("cat <<EOF\nno end"),
        Err(ParseError::HereDocEof(_))
    ));
    assert_eq!(
        parse("done").unwrap_err().to_string(),
        "syntax error near unexpected token `done'"
    );
}

#[test]
fn fuzz_parser_never_panics_and_loops_are_bounded() {
    let atoms = [
        " ", "a", "echo", "'", "\"", "$", "$(", ")", "(", "{", "}", ";", "&&", "||", "|", ">",
        ">>", "<", "<<", "EOF", "\n", "for", "in", "do", "done", "if", "then", "fi", "\\", "`",
        "#", "=", "x=1", "${", "2>&1", "!",
    ];
    let mut g = crate::input::yaml::tests::Gen::new(7);
    for _ in 0..4000 {
        let n = g.below(20);
        let s: String = (0..n).map(|_| g.pick(&atoms)).collect();
        if let Ok(script) = parse(&s) {
            let mut host = Fake::default();
            let mut sh = Shell::new();
            let _ = sh.run(&mut host, &script, None);
        }
    }
}

#[test]
fn runaway_loops_stop() {
    let words: Vec<String> = (0..2000).map(|i| i.to_string()).collect();
    let src = format!(
        "for i in {}; do for j in {}; do true; done; done",
        words.join(" "),
        words.join(" ")
    );
    let (r, _) = run(&src);
    assert!(r.output.stderr().contains("too many commands"));
}
