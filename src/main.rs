//! The `practica` command. Everything else lives in the library; the command
//! line is in `cli`.

mod cli;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    // mimalloc asks the kernel for transparent huge pages, which it zeroes
    // 2 MB at a time at first touch and again after each purge: at 10,000
    // practices that was a tenth of a build's time, and builds held 30-55 MB
    // more at their peak (measured with benches/run.sh's corpora). Where the
    // switch is missing (an old kernel) builds are only slower.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    cli::main()
}
