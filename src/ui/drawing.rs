//! Long lists drawn a few items per task, so no task keeps the page busy
//! for long (a new ask list of a hundred promoters, a hundred emails).

use yew::prelude::*;

/// How many of `wanted` items to draw now: `step` for a new `list` (any
/// number that changes when the list does, e.g. its `Rc` pointer), then
/// `step` more in each following task until `wanted`.
#[hook]
pub fn use_drawn_in_steps(list: usize, wanted: usize, step: usize) -> usize {
    let drawn = use_mut_ref(|| (list, step));
    let redraw = use_force_update();
    {
        let mut d = drawn.borrow_mut();
        if d.0 != list {
            *d = (list, step);
        }
    }
    let limit = wanted.min(drawn.borrow().1);
    {
        let drawn = drawn.clone();
        use_effect_with((list, limit, wanted), move |_| {
            let next = (limit < wanted).then(|| {
                gloo::timers::callback::Timeout::new(0, move || {
                    drawn.borrow_mut().1 += step;
                    redraw.force_update();
                })
            });
            move || drop(next)
        });
    }
    limit
}
