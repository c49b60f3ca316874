use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeMap;
use std::sync::Arc;

use crate::browser::random_seed;
use crate::browser::set_title;
use crate::browser::{copy_text, download, origin, print, qr_svg};
use crate::components::loading::load_view;
use crate::components::quiz_intro::QuizIntro;
use crate::domain::bank::Bank;
use crate::domain::quiz::{Mode, QRef};
use crate::domain::session::tag_counts;
use crate::domain::share::{pack_quiz, Selection, SharedQuiz};
use crate::state::{use_all_banks, use_app, Load};

/// Links longer than this are hard to share by QR code or chat.
const LONG_LINK: usize = 2000;

/// The trainer's quiz builder: choose questions and settings, preview, share.
#[component]
pub fn TrainerPage() -> impl IntoView {
    set_title("Build a quiz");
    let app = use_app();
    let banks = use_all_banks();
    view! {
        <section class="page">
            <h1>"Build a quiz for trainees"</h1>
            <p>
                "Make a quiz, share it as a link, QR code or file, then collect the results trainees send back in your "
                <a href=app.href("/roster")>"roster"</a>". To ask about your own procedures, "
                <a href=app.href("/banks")>"add your own questions"</a>" first."
            </p>
            {move || load_view(banks.get(), "question banks", |bs| view! { <Builder banks=bs/> })}
        </section>
    }
}

#[component]
fn Builder(banks: Vec<Arc<Bank>>) -> impl IntoView {
    let app = use_app();
    let banks = StoredValue::new(banks);
    let title = RwSignal::new(String::new());
    let trainer = RwSignal::new(String::new());
    let instructions = RwSignal::new(String::new());
    let chosen_banks =
        RwSignal::new(banks.with_value(|b| b.iter().map(|b| b.id.clone()).collect::<Vec<_>>()));
    let tags = RwSignal::new(Vec::<String>::new());
    let picking = RwSignal::new(false);
    let count = RwSignal::new("10".to_string());
    let picked = RwSignal::new(Vec::<String>::new());
    let search = RwSignal::new(String::new());
    let fixed_order = RwSignal::new(false);
    let mode = RwSignal::new(Mode::Exam);
    let minutes = RwSignal::new("30".to_string());
    let pass_mark = RwSignal::new("80".to_string());
    let seed = random_seed();
    let preview = RwSignal::new(false);
    let copied = RwSignal::new(None::<String>);

    let selected_banks = move || {
        banks.with_value(|bs| {
            bs.iter()
                .filter(|b| chosen_banks.with(|c| c.contains(&b.id)))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let topics = Memo::new(move |_| {
        tag_counts(&selected_banks().iter().map(Arc::as_ref).collect::<Vec<_>>())
    });
    let label = move |t: &str| match app.manifest.get_untracked() {
        Load::Ready(m) => m.topic_label(t).to_string(),
        _ => t.to_string(),
    };

    // The shared quiz, or the first thing that stops it being valid.
    let quiz = Memo::new(move |_| -> Result<SharedQuiz, String> {
        let title = title.get().trim().to_string();
        let trainer = trainer.get().trim().to_string();
        if title.is_empty() {
            return Err("Give the quiz a title.".into());
        }
        if trainer.is_empty() {
            return Err("Add your name as the trainer.".into());
        }
        let bs = selected_banks();
        let chosen_tags: Vec<String> = tags
            .get()
            .into_iter()
            .filter(|t| topics.with(|m| m.contains_key(t)))
            .collect();
        let selection = if picking.get() {
            let p = picked.get();
            if p.is_empty() {
                return Err("Pick at least one question.".into());
            }
            Selection::Picked(p)
        } else {
            if bs.is_empty() {
                return Err("Choose at least one bank.".into());
            }
            let pool = bs
                .iter()
                .flat_map(|b| b.questions.iter())
                .filter(|q| {
                    chosen_tags.is_empty() || q.tags.iter().any(|t| chosen_tags.contains(t))
                })
                .count();
            let n: usize = count
                .get()
                .trim()
                .parse()
                .map_err(|_| "The number of questions must be a whole number.".to_string())?;
            if n == 0 || n > pool {
                return Err(format!("The number of questions must be from 1 to {pool} (the questions in these banks and topics)."));
            }
            Selection::Random {
                banks: bs.iter().map(|b| b.id.clone()).collect(),
                tags: chosen_tags,
                count: n,
            }
        };
        let time_limit_secs = match minutes.get().trim() {
            "" => None,
            m => match m.parse::<u32>() {
                Ok(n) if (1..=300).contains(&n) => Some(n * 60),
                _ => {
                    return Err(
                        "The time limit must be 1 to 300 minutes, or empty for none.".into(),
                    )
                }
            },
        };
        let pass_mark = match pass_mark.get().trim().parse::<u8>() {
            Ok(n) if n <= 100 => n,
            _ => return Err("The pass mark must be a whole number from 0 to 100.".into()),
        };
        let bank_versions: BTreeMap<String, u32> =
            banks.with_value(|all| all.iter().map(|b| (b.id.clone(), b.version)).collect());
        let mut q = SharedQuiz {
            title,
            trainer,
            instructions: instructions.get().trim().to_string(),
            selection,
            fixed_order: picking.get() && fixed_order.get(),
            mode: mode.get(),
            time_limit_secs,
            pass_mark,
            seed,
            bank_versions: BTreeMap::new(),
            custom_banks: Vec::new(),
        };
        q.bank_versions = q
            .banks()
            .into_iter()
            .filter_map(|b| bank_versions.get(&b).map(|v| (b, *v)))
            .collect();
        // Banks added in this browser travel inside the quiz.
        q.custom_banks = q
            .banks()
            .iter()
            .filter_map(|b| app.custom_text(b))
            .collect();
        Ok(q)
    });
    let packed = Memo::new(move |_| quiz.get().ok().map(|q| pack_quiz(&q)));
    let link = Memo::new(move |_| {
        packed.with(|p| {
            p.as_ref()
                .and_then(|p| p.link.as_ref())
                .map(|l| format!("{}{}#{l}", origin(), app.href("/take")))
        })
    });

    let bank_boxes = banks.with_value(|bs| {
        bs.iter()
            .map(|b| {
                let (id, id2) = (b.id.clone(), b.id.clone());
                view! {
                    <li><label class="option">
                        <input type="checkbox" prop:checked=move || chosen_banks.with(|c| c.contains(&id))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                chosen_banks.update(|c| { c.retain(|x| x != &id2); if on { c.push(id2.clone()); } });
                            }/>
                        <span>{b.title.clone()}</span>
                    </label></li>
                }
            })
            .collect_view()
    });
    let topic_boxes = move || {
        topics
            .get()
            .into_iter()
            .map(|(t, n)| {
                let (a, b) = (t.clone(), t.clone());
                view! {
                    <li><label class="option">
                        <input type="checkbox" prop:checked=move || tags.with(|x| x.contains(&a))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                tags.update(|x| { x.retain(|y| y != &b); if on { x.push(b.clone()); } });
                            }/>
                        <span>{format!("{} ({n})", label(&t))}</span>
                    </label></li>
                }
            })
            .collect_view()
    };
    // Hand-picking: a searchable list (first 50 matches shown).
    let matches = Memo::new(move |_| {
        let needle = search.get().to_lowercase();
        let chosen_tags = tags.get();
        selected_banks()
            .iter()
            .flat_map(|b| b.questions.iter().map(move |q| (b.clone(), q.clone())))
            .filter(|(_, q)| {
                chosen_tags.is_empty() || q.tags.iter().any(|t| chosen_tags.contains(t))
            })
            .filter(|(b, q)| {
                needle.is_empty()
                    || q.stem.to_lowercase().contains(&needle)
                    || q.id.contains(&needle)
                    || b.title.to_lowercase().contains(&needle)
            })
            .map(|(b, q)| {
                (
                    QRef::new(&b.id, &q.id).to_string(),
                    q.id.clone(),
                    q.stem.clone(),
                    q.tags.first().cloned().unwrap_or_default(),
                    q.difficulty.as_str(),
                )
            })
            .collect::<Vec<_>>()
    });
    let pick_list = move || {
        matches
            .get()
            .into_iter()
            .take(50)
            .map(|(key, id, stem, tag, diff)| {
                let (k1, k2) = (key.clone(), key.clone());
                let short: String = if stem.chars().count() > 160 { format!("{}…", stem.chars().take(159).collect::<String>()) } else { stem };
                view! {
                    <li><label class="option pick">
                        <input type="checkbox" prop:checked=move || picked.with(|p| p.contains(&k1))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                picked.update(|p| { p.retain(|x| x != &k2); if on { p.push(k2.clone()); } });
                            }/>
                        <span>{short}<br/><span class="muted">{format!("{id} · {} · {diff}", label(&tag))}</span></span>
                    </label></li>
                }
            })
            .collect_view()
    };

    let preview_view = move || {
        (preview.get()).then(|| match quiz.get() {
            Ok(q) => {
                let refs_banks = banks.get_value();
                let refs: Vec<&Bank> = refs_banks.iter().map(Arc::as_ref).collect();
                let opened = q.open(&refs);
                let titles: Vec<(String, String)> = refs_banks.iter().map(|b| (b.id.clone(), b.title.clone())).collect();
                let bank_title = Callback::new(move |id: String| titles.iter().find(|(b, _)| *b == id).map_or(id, |(_, t)| t.clone()));
                let first = crate::domain::quiz::build(&opened.spec, &refs).ok().and_then(|items| items.into_iter().next()).and_then(|it| {
                    crate::domain::session::question(&refs, &it.bank, &it.id, opened.spec.seed)
                });
                view! {
                    <section class="preview" aria-label="Preview">
                        <h2>"Preview: what trainees see"</h2>
                        <QuizIntro quiz=q opened=opened bank_title=bank_title/>
                        {first.map(|fq| view! { <div class="card"><p class="muted">"Question 1"</p><p class="stem">{fq.stem}</p></div> })}
                    </section>
                }
                .into_any()
            }
            Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
        })
    };

    let share_view = move || {
        let q = match quiz.get() {
            Ok(q) => q,
            Err(e) => return view! { <p class="hint">{e}</p> }.into_any(),
        };
        let Some(file) = packed.with(|p| p.as_ref().and_then(|p| p.file.clone())) else {
            return view! {
                <p class="error" role="alert">"This quiz is too large to share (over 256 KB with the questions you added). Use fewer or smaller banks of your own."</p>
            }
            .into_any();
        };
        let file_name = format!(
            "{}.pharmquiz.json",
            q.title
                .chars()
                .map(|c| if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                })
                .collect::<String>()
        );
        let download_file = view! {
            <button type="button" class="secondary" on:click=move |_| {
                if let Err(e) = download(&file_name, "application/json", &file) { copied.set(Some(e)); }
            }>"Download quiz file"</button>
        };
        let Some(url) = link.get() else {
            return view! {
                <p class="hint">"This quiz carries your own questions and is too large for a link or QR code. Share the quiz file: trainees open it on PharmQuiz's Shared quiz page."</p>
                <div class="actions no-print">{download_file}</div>
                <p role="status">{move || copied.get()}</p>
            }
            .into_any();
        };
        let qr = qr_svg(&url);
        let long = url.len() > LONG_LINK;
        let url_copy = url.clone();
        view! {
            <div class="field wide">
                <label for="share-link">"Quiz link"</label>
                <input id="share-link" type="text" readonly prop:value=url.clone() on:focus=move |ev| {
                    if let Some(i) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok()) { i.select(); }
                }/>
                <p class="hint">{format!("{} characters. The quiz travels in the part after #, which browsers never send to a server.", url.len())}</p>
                {long.then(|| view! { <p class="hint">"This link is long; the file may be easier to share."</p> })}
            </div>
            <div class="actions no-print">
                <button type="button" on:click=move |_| {
                    let text = url_copy.clone();
                    spawn_local(async move {
                        copied.set(Some(match copy_text(&text).await { Ok(()) => "Link copied.".into(), Err(e) => e }));
                    });
                }>"Copy link"</button>
                {download_file}
                <button type="button" class="secondary" on:click=move |_| print()>"Print QR code"</button>
            </div>
            <p role="status">{move || copied.get()}</p>
            {match qr {
                Ok(svg) => view! { <figure class="qr print-area"><div class="qr-code" role="img" aria-label="QR code of the quiz link" inner_html=svg></div><figcaption>{q.title.clone()}</figcaption></figure> }.into_any(),
                Err(e) => view! { <p class="hint">{e}</p> }.into_any(),
            }}
        }
        .into_any()
    };

    view! {
        <form class="setup no-print" on:submit=|ev| ev.prevent_default()>
            <div class="field wide"><label for="quiz-title">"Quiz title"</label>
                <input id="quiz-title" type="text" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/></div>
            <div class="field wide"><label for="trainer-name">"Your name (trainer)"</label>
                <input id="trainer-name" type="text" autocomplete="name" prop:value=move || trainer.get() on:input=move |ev| trainer.set(event_target_value(&ev))/></div>
            <div class="field wide"><label for="instructions">"Instructions for trainees (optional)"</label>
                <textarea id="instructions" rows="3" prop:value=move || instructions.get() on:input=move |ev| instructions.set(event_target_value(&ev))></textarea></div>
            <fieldset><legend>"Question banks"</legend><ul class="options">{bank_boxes}</ul></fieldset>
            <fieldset><legend>"Topics"</legend><p class="hint">"Leave all unticked to include every topic."</p><ul class="options topics">{topic_boxes}</ul></fieldset>
            <fieldset>
                <legend>"Questions"</legend>
                <ul class="options">
                    <li><label class="option"><input type="radio" name="selection" prop:checked=move || !picking.get() on:change=move |_| picking.set(false)/>
                        <span>"A random set from these banks and topics (the same set for every trainee)"</span></label></li>
                    <li><label class="option"><input type="radio" name="selection" prop:checked=move || picking.get() on:change=move |_| picking.set(true)/>
                        <span>"Questions I pick"</span></label></li>
                </ul>
                <Show when=move || !picking.get()>
                    <div class="field"><label for="trainer-count">"Number of questions"</label>
                        <input id="trainer-count" type="number" min="1" prop:value=move || count.get() on:input=move |ev| count.set(event_target_value(&ev))/></div>
                </Show>
                <Show when=move || picking.get()>
                    <div class="field wide"><label for="pick-search">"Search questions"</label>
                        <input id="pick-search" type="search" prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev))/>
                        <p class="hint" role="status">{move || format!("{} picked · {} match{}{}", picked.get().len(), matches.get().len(),
                            if matches.get().len() == 1 { "" } else { "es" }, if matches.get().len() > 50 { " (first 50 shown; search to narrow)" } else { "" })}</p></div>
                    <ul class="options pick-list" aria-label="Questions to pick">{pick_list}</ul>
                    <label class="option"><input type="checkbox" prop:checked=move || fixed_order.get() on:change=move |ev| fixed_order.set(event_target_checked(&ev))/>
                        <span>"Keep the questions in the order I picked them (otherwise shuffled)"</span></label>
                </Show>
            </fieldset>
            <fieldset><legend>"Mode"</legend><ul class="options">
                <li><label class="option"><input type="radio" name="trainer-mode" prop:checked=move || mode.get() == Mode::Exam on:change=move |_| mode.set(Mode::Exam)/><span>"Exam: no feedback until the end"</span></label></li>
                <li><label class="option"><input type="radio" name="trainer-mode" prop:checked=move || mode.get() == Mode::Practice on:change=move |_| mode.set(Mode::Practice)/><span>"Practice: feedback after each answer"</span></label></li>
            </ul></fieldset>
            <div class="field"><label for="trainer-minutes">"Time limit (minutes)"</label>
                <input id="trainer-minutes" type="number" min="1" max="300" aria-describedby="trainer-minutes-hint" prop:value=move || minutes.get() on:input=move |ev| minutes.set(event_target_value(&ev))/>
                <p id="trainer-minutes-hint" class="hint">"Leave empty for no limit."</p></div>
            <div class="field"><label for="trainer-pass">"Pass mark (%)"</label>
                <input id="trainer-pass" type="number" min="0" max="100" prop:value=move || pass_mark.get() on:input=move |ev| pass_mark.set(event_target_value(&ev))/></div>
            <button type="button" class="secondary" aria-expanded=move || preview.get().to_string() on:click=move |_| preview.update(|p| *p = !*p)>
                {move || if preview.get() { "Hide preview" } else { "Preview as a trainee" }}
            </button>
        </form>
        {preview_view}
        <section class="card share" aria-labelledby="share-heading">
            <h2 id="share-heading" class="no-print">"Share"</h2>
            {share_view}
        </section>
    }
}
