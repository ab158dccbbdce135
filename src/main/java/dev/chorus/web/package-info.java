/** Routes, templates, output feeds, the JSON API and caching headers. */
package dev.chorus.web;
