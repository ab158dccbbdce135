/** One source's update: fetch → parse or scrape → clean → store. Pure orchestration. */
package dev.chorus.refresh;
