fn main() {
    leptos::mount::mount_to_body(callcalc_app::App);
}
