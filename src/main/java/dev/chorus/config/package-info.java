/** The typed {@code feeds.yml} model, its loading and its validation with line-level messages. */
package dev.chorus.config;
