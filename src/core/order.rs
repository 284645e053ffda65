/*!
One stable sort for the many small lists the core orders (reasons,
alternates, respondents, problems, dropped rows, matches…).

A sort in Rust is compiled anew for each element type and comparator, a
few KB of WebAssembly each time. The lists here are short (tens to a few
thousand items), so they share one sort of `u32` indices behind a `dyn`
comparator, then move the items into place: each call site costs a few
hundred bytes instead of a sort of its own. Hot, long sorts (the paths of
`candidates.rs`, the scored paths of `rank.rs`) keep the standard ones.
*/

use std::cmp::Ordering;

/// Sort `v` by `cmp`, stably (equal items keep their order).
pub fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<u32> = (0..v.len() as u32).collect();
    sort_indices(&mut order, &|a, b| cmp(&v[a as usize], &v[b as usize]));
    let mut items: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    *v = order
        .into_iter()
        .filter_map(|i| items[i as usize].take())
        .collect();
}

/// The one sort every call shares.
fn sort_indices(order: &mut [u32], cmp: &dyn Fn(u32, u32) -> Ordering) {
    order.sort_by(|a, b| cmp(*a, *b));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by(&mut v, |x, y| x.0.cmp(&y.0));
        assert_eq!(v, vec![(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut empty: Vec<u8> = Vec::new();
        sort_by(&mut empty, |a, b| a.cmp(b));
        assert!(empty.is_empty());
        let mut words: Vec<String> = ["pear", "Apple", "fig"].map(String::from).to_vec();
        sort_by(&mut words, |a, b| a.to_lowercase().cmp(&b.to_lowercase()));
        assert_eq!(words, ["Apple", "fig", "pear"]);
    }
}
