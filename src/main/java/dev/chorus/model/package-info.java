/** Shared value records passed between the pipeline's steps; JDK only. */
package dev.chorus.model;
