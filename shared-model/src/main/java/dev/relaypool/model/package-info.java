/** Records and enums that cross the wire between the Relaypool server and its clients (desktop app, dashboard). */
package dev.relaypool.model;
