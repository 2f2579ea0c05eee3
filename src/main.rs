fn main() {
    // First, so a panic anywhere after start shows a message in the page.
    callcalc_app::panic::install();
    leptos::mount::mount_to_body(callcalc_app::App);
}
