package io.litewatch.alert.channel;

/**
 * A notification rendered for one channel at the moment it was queued, so that a retry
 * after a restart sends exactly what was decided then. Holds no secret: headers and
 * passwords stay in the channel's settings.
 *
 * @param notificationId the notification's id, stable across retries, sent as
 * {@code X-Litewatch-Notification-Id} so a receiver can drop a duplicate
 * @param subject email subject, or a one-line summary for webhooks
 * @param body the webhook's JSON body, or the email's HTML part
 * @param text the email's plain-text part; null for webhooks
 */
public record RenderedMessage(String notificationId, String subject, String body, String text) {
}
