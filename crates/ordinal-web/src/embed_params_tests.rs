use super::*;
use crate::share;

fn parse(q: &str) -> EmbedParams {
    EmbedParams::parse(q)
}

/// The one notice a query produced (and nothing else).
fn notice(q: &str) -> String {
    let p = parse(q);
    assert_eq!(p.notices.len(), 1, "{q}: {:?}", p.notices);
    p.notices[0].clone()
}

#[test]
fn no_query_is_the_full_page_with_nothing_to_say() {
    let p = parse("");
    assert!(!p.embed && !p.autoplay && !p.read_only && !p.reduce_motion);
    assert_eq!(p.panels, Panels::ALL);
    assert_eq!((p.layout, p.theme), (Layout::Stack, Theme::Auto));
    assert_eq!(
        (p.scenario, p.speed, p.start_at, p.stop_at),
        (None, None, None, None)
    );
    assert!(p.commands.is_empty() && p.caption.is_none() && p.notices.is_empty());
    assert_eq!(parse("?"), p);
}

#[test]
fn embed_alone_shows_what_embed_mode_always_showed() {
    let p = parse("?embed=1");
    assert!(p.embed);
    assert_eq!(p.panels, Panels::EMBED);
    assert!(p.notices.is_empty());
    assert!(parse("embed").embed && parse("embed=true").embed && !parse("embed=0").embed);
}

#[test]
fn scenario_by_id_or_the_list_of_ids() {
    assert_eq!(
        parse("scenario=scale-down").scenario.unwrap().id,
        "scale-down"
    );
    let n = notice("scenario=scale-up");
    assert!(
        n.starts_with(r#"scenario: Unsupported value: "scale-up": supported values: "ordered-creation", "stable-network-identity""#),
        "{n}"
    );
    assert_eq!(parse("scenario=scale-up").scenario, None);
}

#[test]
fn challenge_is_kept_for_the_challenges_feature_when_well_formed() {
    assert_eq!(
        parse("challenge=ready-3").challenge.as_deref(),
        Some("ready-3")
    );
    assert_eq!(
        notice("challenge=Bad_Id"),
        r#"challenge: Invalid value: "Bad_Id": must consist of lower case alphanumeric characters or '-'"#
    );
}

#[test]
fn autoplay_and_readonly_are_booleans() {
    assert!(parse("autoplay").autoplay);
    assert!(parse("autoplay=1").autoplay && parse("autoplay=true").autoplay);
    assert!(!parse("autoplay=false").autoplay);
    assert_eq!(
        notice("autoplay=yes"),
        r#"autoplay: Unsupported value: "yes": supported values: "true", "false""#
    );
    assert!(parse("readonly=1").read_only);
    assert_eq!(
        notice("readonly=maybe"),
        r#"readonly: Unsupported value: "maybe": supported values: "true", "false""#
    );
}

#[test]
fn speed_must_be_an_offered_one() {
    assert_eq!(parse("speed=0.25").speed, Some(0.25));
    assert_eq!(parse("speed=16").speed, Some(16.0));
    let want = r#"speed: Unsupported value: "3": supported values: "0.25", "0.5", "1", "2", "4", "8", "16""#;
    assert_eq!(notice("speed=3"), want);
    assert_eq!(parse("speed=3").speed, None);
    assert!(notice("speed=fast").starts_with(r#"speed: Unsupported value: "fast""#));
}

#[test]
fn instants_are_go_durations() {
    let p = parse("start-at=12s&stop-at=1m30.5s");
    assert_eq!((p.start_at, p.stop_at), (Some(12_000), Some(90_500)));
    assert_eq!(parse("start-at=0").start_at, Some(0));
    assert_eq!(parse("start-at=1500ms").start_at, Some(1_500));
    assert_eq!(parse("start-at=1h").start_at, Some(3_600_000));
    assert_eq!(
        notice("start-at=12"),
        r#"start-at: Invalid value: "12": time: missing unit in duration "12""#
    );
    assert_eq!(
        notice("start-at=12y"),
        r#"start-at: Invalid value: "12y": time: unknown unit "y" in duration "12y""#
    );
    assert_eq!(
        notice("stop-at=soon"),
        r#"stop-at: Invalid value: "soon": time: invalid duration "soon""#
    );
    assert_eq!(
        notice("start-at=-5s"),
        r#"start-at: Invalid value: "-5s": must be greater than or equal to 0"#
    );
    assert_eq!(
        notice("start-at=7h"),
        r#"start-at: Invalid value: "7h": must be no more than 6h0m0s"#
    );
    assert_eq!(
        notice("start-at=99999999999999999999999h"),
        r#"start-at: Invalid value: "99999999999999999999999h": time: invalid duration "99999999999999999999999h""#
    );
}

#[test]
fn stop_at_must_come_after_start_at() {
    let p = parse("start-at=30s&stop-at=10s");
    assert_eq!((p.start_at, p.stop_at), (Some(30_000), None));
    assert_eq!(
        p.notices,
        [r#"stop-at: Invalid value: "10s": must be later than start-at (30s)"#]
    );
}

#[test]
fn panels_name_what_shows() {
    let p = parse("panels=cluster,console");
    assert_eq!(
        p.panels,
        Panels {
            cluster: true,
            console: true,
            ..Panels::NONE
        }
    );
    let p = parse("panels=dns, yaml ,events");
    assert!(p.panels.dns && p.panels.yaml && p.panels.events && !p.panels.cluster);
    let p = parse("embed=1&panels=cluster,logs");
    assert_eq!(
        p.panels,
        Panels {
            cluster: true,
            ..Panels::NONE
        }
    );
    assert_eq!(
        p.notices,
        [
            r#"panels: Unsupported value: "logs": supported values: "cluster", "controller", "dns", "console", "events", "yaml""#
        ]
    );
    // Nothing usable: the default stays, said once.
    let p = parse("embed=1&panels=logs");
    assert_eq!(p.panels, Panels::EMBED);
    assert_eq!(p.notices.len(), 1);
    assert_eq!(
        notice("embed=1&panels="),
        r#"panels: Invalid value: "": must name at least one panel"#
    );
}

#[test]
fn read_only_drops_the_console_and_the_editor() {
    let p = parse("readonly=1&panels=cluster,console,yaml,events");
    assert!(p.read_only);
    assert!(p.panels.cluster && p.panels.events);
    assert!(!p.panels.console && !p.panels.yaml);
}

#[test]
fn layout_theme_and_motion_are_choices() {
    assert_eq!(parse("layout=side").layout, Layout::Side);
    assert_eq!(
        notice("layout=grid"),
        r#"layout: Unsupported value: "grid": supported values: "stack", "side""#
    );
    assert_eq!(parse("theme=dark").theme, Theme::Dark);
    assert_eq!(parse("theme=light").theme.attr(), Some("light"));
    assert_eq!(parse("theme=auto").theme.attr(), None);
    assert_eq!(
        notice("theme=blue"),
        r#"theme: Unsupported value: "blue": supported values: "auto", "light", "dark""#
    );
    assert!(parse("motion=reduce").reduce_motion);
    assert!(!parse("motion=auto").reduce_motion);
    assert_eq!(
        notice("motion=none"),
        r#"motion: Unsupported value: "none": supported values: "auto", "reduce""#
    );
}

#[test]
fn caption_is_decoded_trimmed_and_bounded() {
    assert_eq!(
        parse("caption=Pods+start+in+order%2C+one+at+a+time")
            .caption
            .as_deref(),
        Some("Pods start in order, one at a time")
    );
    assert_eq!(parse("caption=%20").caption, None);
    let long = format!("caption={}", "é".repeat(MAX_CAPTION + 5));
    let p = parse(&long);
    assert_eq!(p.caption.unwrap().chars().count(), MAX_CAPTION);
    assert_eq!(
        p.notices,
        ["caption: Too long: may not be more than 200 characters"]
    );
}

#[test]
fn commands_run_in_order_and_are_bounded() {
    let p = parse("command=kubectl+scale+sts+web+--replicas%3D5&command=kubectl%20get%20pods");
    assert_eq!(
        p.commands,
        ["kubectl scale sts web --replicas=5", "kubectl get pods"]
    );
    let many = ["command=kubectl+get+pods"; MAX_COMMANDS + 3].join("&");
    let p = parse(&many);
    assert_eq!(p.commands.len(), MAX_COMMANDS);
    assert_eq!(
        p.notices,
        ["command: Too many: 23: must have at most 20 items"]
    );
    assert_eq!(notice("command=+"), "command[0]: Required value");
    assert_eq!(
        notice("command=a%0Ab"),
        r#"command[0]: Invalid value: "a\nb": must be a single line"#
    );
    let long = format!("command={}", "x".repeat(MAX_COMMAND + 1));
    assert_eq!(
        notice(&long),
        "command[0]: Too long: may not be more than 4096 bytes"
    );
}

#[test]
fn unknown_and_repeated_parameters_are_said_once() {
    let p = parse("speeed=2&speeed=4&profile=1&challenge=x");
    assert_eq!(p.notices, [r#"unknown parameter "speeed""#]);
    let p = parse("speed=2&speed=4");
    assert_eq!(p.speed, Some(4.0), "the last one counts");
    assert_eq!(p.notices, [r#"speed: Duplicate value: "4""#]);
}

#[test]
fn a_hostile_query_is_bounded() {
    let huge = "a".repeat(MAX_QUERY + 1);
    assert_eq!(
        parse(&huge).notices,
        ["the query is longer than 65536 bytes and was ignored"]
    );
    let junk: Vec<String> = (0..100).map(|i| format!("junk{i}=1")).collect();
    let p = parse(&junk.join("&"));
    assert_eq!(p.notices.len(), MAX_NOTICES);
    assert_eq!(
        p.notices[MAX_NOTICES - 1],
        "and 93 more problems with the query"
    );
    let long_key = format!("{}=1", "k".repeat(500));
    assert!(notice(&long_key).chars().count() < 100);
    // Malformed escapes are kept, never a panic.
    assert_eq!(form_decode("100%+sure%zz%"), "100% sure%zz%");
    assert_eq!(form_decode("%C3%A9%FF"), "é\u{fffd}");
}

#[test]
fn go_durations_parse_like_go() {
    assert_eq!(parse_duration("1h2m3.5s"), Ok(3_723_500));
    assert_eq!(parse_duration(".5s"), Ok(500));
    assert_eq!(parse_duration("+2s"), Ok(2_000));
    assert_eq!(parse_duration("250us"), Ok(0));
    assert_eq!(
        parse_duration(""),
        Err(r#"time: invalid duration """#.into())
    );
    assert_eq!(
        parse_duration("."),
        Err(r#"time: invalid duration ".""#.into())
    );
    assert_eq!(
        parse_duration("1..2s"),
        Err(r#"time: invalid duration "1..2s""#.into())
    );
}

#[test]
fn the_driver_starts_where_the_parameters_say() {
    let mut p = parse("scenario=scale-down&speed=4&start-at=30s&stop-at=50s&command=kubectl+scale+sts+web+--replicas%3D5");
    let d = p.driver(None);
    assert!(p.notices.is_empty(), "{:?}", p.notices);
    let f = d.frame();
    assert_eq!(f.scenario.id, "scale-down");
    assert_eq!((f.now, f.speed, f.playing), (30_000, 4.0, false));
    assert_eq!(d.pause_at(), 50_000);
    assert_eq!(f.snapshot.sets[0].desired, 5, "the command ran on load");
    assert!(f
        .console
        .iter()
        .any(|e| e.line == "kubectl scale sts web --replicas=5"));
}

#[test]
fn a_failing_command_on_load_is_a_notice() {
    let mut p = parse("embed=1&command=kubectl+frobnicate");
    let _ = p.driver(None);
    assert_eq!(p.notices.len(), 1, "{:?}", p.notices);
    assert!(
        p.notices[0].starts_with("command[0]: exit code 1: ")
            && p.notices[0].contains("unknown command \"frobnicate\" for \"kubectl\""),
        "{}",
        p.notices[0]
    );
}

#[test]
fn a_shared_link_wins_over_scenario() {
    let mut p = parse("scenario=scale-down");
    let link = share::decode("s=ordered-creation&t=5000&h=5000&x=1").unwrap();
    let d = p.driver(Some(link));
    assert_eq!(d.frame().scenario.id, "ordered-creation");
    assert_eq!(d.frame().now, 5_000);
    assert_eq!(
        p.notices,
        [r#"scenario: "scale-down" was ignored: the link names "ordered-creation""#]
    );
}

/// theme=dark and theme=light only pick the scheme: the palette is one list of light-dark()
/// pairs, so the forced dark theme cannot drift from the system's dark.
#[test]
fn the_themes_pick_a_scheme_of_the_one_palette() {
    let palette = include_str!("../../../web/palette.css");
    let colours: Vec<&str> = palette
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("--"))
        .collect();
    assert!(colours.len() > 25, "{colours:?}");
    // The terminal keeps its own dark colours in both schemes; every other colour has two.
    let paired = colours.iter().filter(|l| l.contains("light-dark(")).count();
    assert_eq!(paired, colours.len() - 3, "{colours:?}");
    let embed = include_str!("../../../web/embed.css");
    assert!(!embed.contains("--bg"), "embed.css repeats the palette");
    for scheme in ["light", "dark"] {
        let rule = format!(":root[data-theme=\"{scheme}\"] {{\n  color-scheme: {scheme};");
        assert!(embed.contains(&rule), "{rule}");
    }
}

/// The loader's posters and iframe titles name every scenario as the app does.
#[test]
fn the_loader_knows_every_scenario_by_its_title() {
    let js = include_str!("../../../web/embed.js");
    let start = js.find("const TITLES = {").unwrap();
    let end = start + js[start..].find("};").unwrap();
    let table: Vec<(String, String)> = js[start..end]
        .lines()
        .filter_map(|l| {
            let l = l.trim().strip_prefix('\'')?.strip_suffix("',")?;
            let (id, title) = l.split_once("': '")?;
            Some((id.to_string(), title.replace("\\'", "'")))
        })
        .collect();
    let app: Vec<(String, String)> = ALL
        .iter()
        .map(|s| (s.id.to_string(), s.title.to_string()))
        .collect();
    assert_eq!(table, app);
}

#[test]
fn a_manifest_is_applied_on_load_before_the_commands() {
    let yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: inline\ndata:\n  k: v\n";
    let q = format!(
        "manifest={}&command=kubectl+get+configmap+inline+-o+name",
        yaml.replace(' ', "+")
            .replace('\n', "%0A")
            .replace(':', "%3A")
    );
    let mut p = parse(&q);
    assert_eq!(p.manifest.as_deref(), Some(yaml));
    let d = p.driver(None);
    assert!(p.notices.is_empty(), "{:?}", p.notices);
    let console = d.frame().console.clone();
    let lines: Vec<(&str, &str)> = console
        .iter()
        .filter(|e| e.by == crate::engine::Actor::User)
        .map(|e| (e.line.as_str(), e.output.stdout.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            ("kubectl apply -f -", "configmap/inline created\n"),
            ("kubectl get configmap inline -o name", "configmap/inline\n"),
        ]
    );

    let mut bad = parse("manifest=kind%3A+Nope");
    let _ = bad.driver(None);
    assert_eq!(bad.notices.len(), 1, "{:?}", bad.notices);
    assert!(
        bad.notices[0].starts_with("manifest: exit code 1: error:"),
        "{}",
        bad.notices[0]
    );
}
