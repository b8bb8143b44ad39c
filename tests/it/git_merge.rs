//! The git merge driver run by the real git in a temporary repository, set up with the lines
//! `soc2-ready config --git` prints: branches answering different questions merge cleanly; the same
//! question answered differently is left open and resolved with `soc2-ready resolve`; a damaged copy is
//! refused, leaving this branch's copy as it was.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

use crate::common::{BIN, Env};

const T1: &str = "2026-01-10T10:00:00Z";
const T2: &str = "2026-01-12T10:00:00Z";

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn ok(out: Output) -> String {
    assert!(out.status.success(), "failed: {}\n{}", text(&out.stderr), text(&out.stdout));
    text(&out.stdout)
}

/// A repository in the sandbox, set up for the driver as `config --git` says, with this build's binary.
struct Repo {
    env: Env,
    dir: PathBuf,
}

impl Repo {
    fn new() -> Repo {
        let env = Env::new();
        let dir = env.work.path().join("repo");
        fs::create_dir(&dir).unwrap();
        let repo = Repo { env, dir };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.git(&["config", "user.name", "Test"]);
        repo.git(&["config", "user.email", "test@example.com"]);
        let setup = ok(repo.env.run(&["config", "--git"]));
        let mut attributes = String::new();
        let mut ignore = String::new();
        let mut section = "";
        for line in setup.lines() {
            if line.starts_with('#') {
                section = if line.contains(".gitattributes") {
                    "attributes"
                } else if line.contains(".gitignore") {
                    "ignore"
                } else {
                    "config"
                };
                continue;
            }
            match section {
                "attributes" if !line.is_empty() => attributes.push_str(&format!("{line}\n")),
                "ignore" if !line.is_empty() => ignore.push_str(&format!("{line}\n")),
                "config" if line.starts_with("git config ") => {
                    // `git config KEY "VALUE"`, the program named by this build's path.
                    let rest = &line["git config ".len()..];
                    let (key, value) = rest.split_once(' ').unwrap();
                    let value =
                        value.trim_matches('"').replacen("soc2-ready merge-driver", &format!("{BIN} merge-driver"), 1);
                    repo.git(&["config", key, &value]);
                }
                _ => {}
            }
        }
        fs::write(repo.dir.join(".gitattributes"), attributes).unwrap();
        fs::write(repo.dir.join(".gitignore"), ignore).unwrap();
        repo
    }

    fn git_output(&self, args: &[&str]) -> Output {
        let mut c = std::process::Command::new("git");
        // The driver runs under git with the sandbox's store, configuration and clock.
        for (k, v) in [
            ("SOC2_READY_HOME", self.env.home.path().as_os_str()),
            ("SOC2_READY_CONFIG", self.env.config.path().as_os_str()),
            ("HOME", self.env.work.path().as_os_str()),
        ] {
            c.env(k, v);
        }
        c.env("SOC2_READY_NOW", "2026-01-15T09:00:00Z").env("GIT_CONFIG_NOSYSTEM", "1");
        c.args(args).current_dir(&self.dir).output().unwrap()
    }

    fn git(&self, args: &[&str]) -> String {
        ok(self.git_output(args))
    }

    fn soc2(&self, at: &str, args: &[&str]) -> Output {
        self.env.cmd().env("SOC2_READY_NOW", at).current_dir(&self.dir).args(args).output().unwrap()
    }

    fn answer(&self, question: &str, value: &str, by: &str, at: &str) {
        ok(self.soc2(at, &["answer", "acme.json", question, value, "--by", by]));
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    fn file(&self) -> PathBuf {
        self.dir.join("acme.json")
    }

    /// A new assessment of the readiness questionnaire, committed on main.
    fn with_assessment() -> Repo {
        let repo = Repo::new();
        ok(repo.soc2(T1, &["new", "soc2-ai-readiness", "--org", "Acme", "--out", "acme.json", "--no-open"]));
        repo.answer("access.mfa_production", "documented", "Ann", T1);
        repo.commit("start");
        repo
    }
}

fn json_file(path: &Path) -> Value {
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

#[test]
fn config_git_prints_the_lines_to_add() {
    let env = Env::new();
    assert_eq!(
        ok(env.run(&["config", "--git"])),
        "# .gitattributes (in the repository, committed): assessments merge with soc2-ready\n\
         *.json merge=soc2-ready\n\
         \n\
         # git configuration (in each clone; add --global for every repository)\n\
         git config merge.soc2-ready.name \"soc2-ready assessments: merge answers with the common ancestor\"\n\
         git config merge.soc2-ready.driver \"soc2-ready merge-driver %O %A %B --path %P\"\n\
         \n\
         # .gitignore: what soc2-ready keeps beside an assessment while it is open\n\
         *.lock\n\
         *.journal\n\
         *.bak\n\
         # and the store's listing cache, rebuilt from the files on each machine\n\
         .headlines.json\n"
    );
}

#[test]
fn branches_answering_different_questions_merge_cleanly() {
    let repo = Repo::with_assessment();
    repo.git(&["checkout", "-q", "-b", "bob"]);
    repo.answer("access.sso", "planned", "Bob", T2);
    repo.commit("bob answers sso");
    repo.git(&["checkout", "-q", "main"]);
    repo.answer("access.mfa_production", "evidenced", "Ann", T2);
    repo.commit("ann improves mfa");
    let merge = repo.git_output(&["merge", "-q", "--no-edit", "bob"]);
    assert!(merge.status.success(), "{}{}", text(&merge.stdout), text(&merge.stderr));
    assert!(
        text(&merge.stdout).contains("soc2-ready: acme.json: merged, 2 questions answered"),
        "{}",
        text(&merge.stdout)
    );
    let doc = json_file(&repo.file());
    assert_eq!(doc["answers"]["access.mfa_production"]["value"], "evidenced", "main's change");
    assert_eq!(doc["answers"]["access.sso"]["value"], "planned", "bob's answer");
    assert_eq!(doc["answers"]["access.sso"]["answered_by"], "Bob");
    assert!(doc.get("conflicts").is_none());
    assert_eq!(repo.git(&["status", "--porcelain"]), "", "merged and committed, nothing left over");
    ok(repo.soc2(T2, &["show", "acme.json"]));
}

#[test]
fn the_same_question_answered_differently_is_left_open_and_resolved() {
    let repo = Repo::with_assessment();
    repo.git(&["checkout", "-q", "-b", "bob"]);
    repo.answer("access.mfa_production", "planned", "Bob", T2);
    repo.commit("bob says mfa is planned");
    repo.git(&["checkout", "-q", "main"]);
    repo.answer("access.mfa_production", "evidenced", "Ann", T2);
    repo.commit("ann says mfa is evidenced");
    let merge = repo.git_output(&["merge", "-q", "--no-edit", "bob"]);
    assert!(!merge.status.success(), "a conflict stops the merge");
    let said = text(&merge.stderr);
    assert!(
        said.contains(
            "soc2-ready: acme.json: 1 question answered differently on both branches, left open: access.mfa_production\n  \
             resolve in the interface (`soc2-ready open acme.json`) or with `soc2-ready resolve acme.json`, then \
             `git add acme.json`\n"
        ),
        "{said}"
    );
    assert_eq!(repo.git(&["diff", "--name-only", "--diff-filter=U"]), "acme.json\n");
    // The file in the work tree is an assessment with the conflict recorded, as `merge` records one.
    let doc = json_file(&repo.file());
    assert!(doc["answers"].get("access.mfa_production").is_none());
    assert_eq!(doc["conflicts"][0]["question"], "access.mfa_production");
    assert_eq!(doc["conflicts"][0]["candidates"][0]["from"], "ours");
    assert_eq!(doc["conflicts"][0]["candidates"][0]["answer"]["value"], "evidenced");
    assert_eq!(doc["conflicts"][0]["candidates"][1]["from"], "theirs");
    assert_eq!(doc["conflicts"][0]["candidates"][1]["answer"]["value"], "planned");
    let listed = ok(repo.soc2(T2, &["resolve", "acme.json"]));
    assert!(
        listed.ends_with("  1. ours: Operating, with evidence over time\n  2. theirs: Planned or in progress\n"),
        "{listed}"
    );

    ok(repo.soc2(T2, &["resolve", "acme.json", "access.mfa_production", "theirs"]));
    repo.git(&["add", "acme.json"]);
    repo.git(&["commit", "-q", "--no-edit"]);
    let doc = json_file(&repo.file());
    assert_eq!(doc["answers"]["access.mfa_production"]["value"], "planned");
    assert_eq!(doc["answers"]["access.mfa_production"]["answered_by"], "Bob");
    assert!(doc.get("conflicts").is_none());
    assert_eq!(repo.git(&["status", "--porcelain"]), "");
}

#[test]
fn a_damaged_copy_is_refused_and_this_branchs_copy_is_left_as_it_was() {
    let repo = Repo::with_assessment();
    repo.git(&["checkout", "-q", "-b", "carol"]);
    let mut bytes = fs::read(repo.file()).unwrap();
    bytes.truncate(bytes.len() / 2);
    fs::write(repo.file(), &bytes).unwrap();
    repo.commit("a half-written file");
    repo.git(&["checkout", "-q", "main"]);
    repo.answer("access.sso", "planned", "Ann", T2);
    repo.commit("ann answers sso");
    let ours = fs::read(repo.file()).unwrap();
    let merge = repo.git_output(&["merge", "-q", "--no-edit", "carol"]);
    assert!(!merge.status.success());
    let said = text(&merge.stderr);
    assert!(said.contains("soc2-ready: acme.json: cannot merge: the other branch's copy cannot be used: "), "{said}");
    assert!(said.contains("this branch's copy is left as it was"), "{said}");
    assert_eq!(fs::read(repo.file()).unwrap(), ours, "the work tree keeps main's copy");
    assert_eq!(repo.git(&["diff", "--name-only", "--diff-filter=U"]), "acme.json\n");
}
