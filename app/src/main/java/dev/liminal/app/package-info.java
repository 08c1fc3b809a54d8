/**
 * The {@code liminal} command line (picocli). Headless subcommands never load viewer classes.
 * Each subcommand exits 0 on success and non-zero with one clear line on stderr on failure (a
 * stack trace only with {@code --debug}); CLI output goes to {@code System.out}.
 */
package dev.liminal.app;
