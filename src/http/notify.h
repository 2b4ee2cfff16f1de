/*
 * Telling the service manager how the server is doing (systemd's
 * sd_notify protocol, without linking libsystemd).
 */
#ifndef LVZHI_HTTP_NOTIFY_H
#define LVZHI_HTTP_NOTIFY_H

/*
 * Sends state ("READY=1", "STOPPING=1") as one datagram to the socket
 * named by $NOTIFY_SOCKET, which systemd sets for a Type=notify unit.
 * Returns 0 when sent or when the variable is unset (run by hand), -1
 * when the variable is set but the message could not be sent.
 */
int notify_send(const char *state);

#endif
