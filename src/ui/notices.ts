import type { Activity, TurnContext } from 'botbuilder';
import { ActionTypes, CardFactory } from 'botbuilder';
import type { Notice } from '../handover/notices';
import { localizedAttachments, partnerCard, type Partner } from '../partners/partners';
import { turnLanguage } from '../language/turnLanguage';
import type { Button, Text, Ui } from './ui';

/** The waiting text with the place in line: "number 2 … about 8 minutes". */
export function placeText(
  key: 'handover:queued' | 'handover:update',
  place: { position: number; estimatedWaitMinutes: number },
): Text {
  return {
    key,
    args: {
      position: place.position,
      wait: { key: 'handover:minutes', args: { count: place.estimatedWaitMinutes } },
    },
  };
}

/** The button that cancels a waiting request. */
export const CANCEL_BUTTON: Button = {
  label: { key: 'handover:cancel' },
  value: { action: 'cancelHandover' },
};

/** The same action once a counsellor has joined: nothing is "requested" any more, the chat is left. */
export const LEAVE_BUTTON: Button = {
  label: { key: 'handover:leave' },
  value: { action: 'cancelHandover' },
};

/** How messages about the state of a handover are marked for the widget. */
export const HANDOVER_STATUS = { status: 'handover' } as const;

/** The "was this helpful?" buttons after a chat with a counsellor. */
export const HELPFUL_BUTTONS: Button[] = [
  { label: { key: 'handover:helpful.yes' }, value: { action: 'helpful', answer: 'yes' } },
  { label: { key: 'handover:helpful.no' }, value: { action: 'helpful', answer: 'no' } },
];

/** The button that starts a callback request. */
export const CALLBACK_BUTTON: Button = {
  label: { key: 'handover:callback.yes' },
  value: { action: 'callback' },
};

/**
 * Sends a handover {@link Notice} in the turn's language: its texts and
 * buttons, and the cards some carry (a partner's, a calendar file's).
 */
export async function sendNotice(
  ui: Ui,
  partners: readonly Partner[],
  context: TurnContext,
  notice: Notice,
): Promise<void> {
  switch (notice.kind) {
    case 'accepted':
      return ui.send(
        context,
        [{ key: 'handover:accepted', args: { name: notice.counsellor } }],
        [LEAVE_BUTTON],
        HANDOVER_STATUS,
      );
    case 'place':
      return ui.send(
        context,
        [placeText('handover:update', notice)],
        [CANCEL_BUTTON],
        HANDOVER_STATUS,
      );
    case 'closed':
      return ui.send(
        context,
        [
          { key: 'handover:counsellorLeft', args: { name: notice.counsellor } },
          { key: 'handover:helpful.ask' },
        ],
        HELPFUL_BUTTONS,
        HANDOVER_STATUS,
      );
    case 'timeout':
      return ui.send(context, [{ key: 'handover:timeout' }], [CALLBACK_BUTTON], HANDOVER_STATUS);
    case 'transferred':
      return ui.send(
        context,
        [{ key: 'handover:transferred', args: { name: notice.counsellor } }],
        [],
        HANDOVER_STATUS,
      );
    case 'referred': {
      const partner = partners.find((candidate) => candidate.id === notice.partnerId);
      if (!partner) return;
      await ui.send(context, [
        { key: 'handover:referred', args: { name: notice.counsellor, partner: partner.name } },
      ]);
      await context.sendActivity(partnerCard(partner, ui.t(context), turnLanguage(context)));
      return;
    }
    case 'appointment': {
      const time: Text = { time: notice.start, timeZone: notice.timeZone };
      if (notice.status === 'declined') {
        return ui.send(
          context,
          [{ key: 'offers:appointment.declined', args: { time } }],
          [{ value: { action: 'appointment' } }],
        );
      }
      await ui.send(context, [
        {
          key: 'offers:appointment.confirmed',
          args: { time, place: notice.place, link: notice.calendarUrl },
        },
      ]);
      // A button too: a plain-text link is not clickable in every chat.
      await context.sendActivity(calendarButton(ui, context, notice.calendarUrl));
      return;
    }
    case 'deletedByCounsellor':
      return ui.send(context, [{ key: 'privacy.deletedByCounsellor' }]);
    case 'message':
      // Plain text: what a counsellor types is shown as typed, never as markup.
      await context.sendActivity({
        type: 'message',
        text: notice.text,
        textFormat: 'plain',
        channelData: {
          counsellor: notice.counsellor,
          ...(notice.translated ? { translated: true } : {}),
        },
      });
      // Machine-translated: the user is told, in their language, apart from the counsellor's words.
      if (notice.translated)
        await ui.send(context, [{ key: 'handover:translated' }], [], HANDOVER_STATUS);
      return;
  }
}

function calendarButton(ui: Ui, context: TurnContext, url: string): Partial<Activity> {
  return localizedAttachments(
    [
      CardFactory.heroCard('', undefined, [
        { type: ActionTypes.OpenUrl, title: ui.t(context)('offers:events.calendar'), value: url },
      ]),
    ],
    turnLanguage(context),
  );
}
