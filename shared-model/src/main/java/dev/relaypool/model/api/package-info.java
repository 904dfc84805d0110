/** Bodies shared by every part of the REST API: the error envelope and paging. */
package dev.relaypool.model.api;
