//! The executive's ask: one email per promoter naming the exact people.
//! Copy it, open it in the mail client, or print one page per promoter.

use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use super::drawing::use_drawn_in_steps;
use crate::core::ask::AskList;

#[derive(Properties, PartialEq)]
pub struct EmailsProps {
    pub list: Rc<AskList>,
}

/// Emails drawn per task: a hundred drafts (each a long mailto: link) are
/// drawn a few at a time, so no task keeps the page busy for long.
const STEP: usize = 4;

#[component]
pub fn EmailsView(props: &EmailsProps) -> Html {
    let copied = use_state(|| None::<String>);
    let total = props.list.promoters.len();
    let limit = use_drawn_in_steps(Rc::as_ptr(&props.list) as usize, total, STEP);
    if props.list.promoters.is_empty() {
        return html! { <p class="muted">{ "The emails appear once there are introductions to ask for." }</p> };
    }
    let print = Callback::from(|_: MouseEvent| browser::print());
    html! {
        <>
        <div class="toolbar">
            <button type="button" class="secondary" data-testid="print-emails" onclick={print}>{ "Print (one page per promoter)" }</button>
            if let Some(msg) = &*copied { <span class="muted" role="status">{ msg }</span> }
        </div>
        <div class="emails" data-testid="emails" aria-busy={(limit < total).then_some("true")}>
        { for props.list.promoters.iter().take(limit).map(|p| {
            let e = &p.email;
            let copy = {
                let text = format!("Subject: {}\n\n{}", e.subject, e.body);
                let copied = copied.clone();
                let name = p.name.clone();
                Callback::from(move |_: MouseEvent| {
                    let copied = copied.clone();
                    let name = name.clone();
                    browser::copy(&text, move |r| copied.set(Some(match r {
                        Ok(()) => format!("Email to {name} copied."),
                        Err(e) => format!("Could not copy ({e}); select the text instead."),
                    })));
                })
            };
            html! {
                <article class="email" data-testid="email" data-promoter={p.promoter.clone()}>
                    <header>
                        <h3>{ format!("To {}", p.name) }</h3>
                        <div class="actions">
                            <button type="button" class="secondary" onclick={copy} data-testid="copy-email">{ "Copy" }</button>
                            <a class="button secondary" href={browser::mailto(e.to.as_deref(), &e.subject, &e.body)} data-testid="mailto">{ "Open in mail" }</a>
                        </div>
                    </header>
                    <p class="subject"><strong>{ "Subject: " }</strong>{ &e.subject }</p>
                    <pre class="body">{ &e.body }</pre>
                </article>
            }
        }) }
        </div>
        </>
    }
}
