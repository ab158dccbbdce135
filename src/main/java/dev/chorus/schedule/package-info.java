/** When each source is refreshed: Quartz jobs per source, back-off, and config reloads. */
package dev.chorus.schedule;
