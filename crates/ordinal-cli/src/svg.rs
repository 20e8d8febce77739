//! `ordinal --svg-at 12s ID|SCRIPT [-o FILE]`: the cluster at an instant as the app draws it,
//! one standalone SVG (ordinal-web's `poster`); `ordinal posters DIR`: every guided scenario's
//! poster, as committed in web/posters/.

use ordinal_kubectl::Session;
use ordinal_sim::Millis;
use ordinal_web::engine::challenge;
use ordinal_web::poster;
use ordinal_web::scenarios::Scenario;
use std::process::ExitCode;

/// Whether `arg` names a guided scenario or a challenge (rather than a script file).
pub fn is_id(arg: &str) -> bool {
    Scenario::by_id(arg).is_some()
        || challenge::by_scenario_id(arg).is_some()
        || ordinal_challenges::Challenge::by_id(arg).is_some()
}

pub fn of_id(id: &str, at: Millis, output: Option<&str>) -> ExitCode {
    match poster::scene_at(id, at) {
        Ok(scene) => write(&poster::render(&scene), output),
        Err(e) => fail(&e),
    }
}

pub fn of_script(
    session: &mut Session,
    script: &str,
    at: Millis,
    output: Option<&str>,
) -> ExitCode {
    let title = match script {
        "-" => "stdin",
        path => std::path::Path::new(path)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(path),
    };
    match poster::script_scene(session, at, title) {
        Ok(scene) => write(&poster::render(&scene), output),
        Err(e) => fail(&e),
    }
}

pub fn posters(argv: &[String]) -> ExitCode {
    let [dir] = argv else {
        return fail("usage: ordinal posters DIR");
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        return fail(&format!("cannot create {dir}: {e}"));
    }
    for (name, svg) in poster::posters() {
        let path = std::path::Path::new(dir).join(&name);
        if let Err(e) = std::fs::write(&path, &svg) {
            return fail(&format!("cannot write {}: {e}", path.display()));
        }
        println!("{} ({} bytes)", path.display(), svg.len());
    }
    ExitCode::SUCCESS
}

fn write(svg: &str, output: Option<&str>) -> ExitCode {
    match output {
        None | Some("-") => {
            print!("{svg}");
            ExitCode::SUCCESS
        }
        Some(path) => match std::fs::write(path, svg) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&format!("cannot write {path}: {e}")),
        },
    }
}

fn fail(e: &str) -> ExitCode {
    eprintln!("ordinal: {e}");
    ExitCode::from(2)
}
