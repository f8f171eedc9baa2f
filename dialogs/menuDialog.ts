import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { MAX_BUTTONS } from '../src/content/catalogue';
import type { DialogDeps } from './deps';
import type { Button } from '../src/ui/ui';
import { VIEW_PROMPT, type ViewPromptOptions, ViewDialog } from './viewPrompt';

/** Id of {@link MenuDialog}. */
export const MENU_DIALOG = 'menuDialog';
/** Topics per page of a group; the sixth button is "more topics" or "back". */
export const TOPICS_PER_PAGE = MAX_BUTTONS - 1;

/** Where in the menu: the groups of the user's audience, or one page of a group. */
export interface MenuOptions {
  group?: string;
  page?: number;
}

/**
 * The topic menu for the user's audience: first the groups, then the topics of
 * a group, at most six buttons per message with "more topics".
 */
export class MenuDialog extends ViewDialog {
  constructor(private readonly deps: DialogDeps) {
    super(MENU_DIALOG, deps);
    this.addDialog(new WaterfallDialog(`${MENU_DIALOG}.steps`, [this.showMenuStep.bind(this)]));
  }

  private async showMenuStep(step: WaterfallStepContext) {
    const { group, page = 0 } = (step.options ?? {}) as MenuOptions;
    const profile = await this.deps.userProfile.get(step.context, {});
    const groups = this.deps.catalogue.menus[profile.audience ?? 'youth'];
    const chosen = groups.find((candidate) => candidate.id === group);
    const options: ViewPromptOptions = chosen
      ? this.groupView(chosen.id, chosen.topics, page)
      : this.groupsView(
          groups.map((candidate) => candidate.id),
          profile.audience === 'youth',
        );
    return step.prompt(VIEW_PROMPT, options);
  }

  private groupsView(groupIds: string[], offerReadiness: boolean): ViewPromptOptions {
    const buttons: Button[] = groupIds.map((id) => ({
      value: { group: id },
    }));
    if (offerReadiness && buttons.length < MAX_BUTTONS) {
      buttons.push({ value: { action: 'readiness' } });
    }
    if (buttons.length < MAX_BUTTONS) {
      buttons.push({ value: { action: 'changeAudience' } });
    }
    return {
      view: {
        texts: [{ key: 'menu.ask' }],
        buttons,
      },
    };
  }

  private groupView(groupId: string, topics: readonly string[], page: number): ViewPromptOptions {
    const start = page * TOPICS_PER_PAGE;
    const onPage =
      topics.length <= MAX_BUTTONS - 1 ? topics : topics.slice(start, start + TOPICS_PER_PAGE);
    const buttons: Button[] = onPage.map((topic) => ({
      value: { topic },
    }));
    const hasMore = start + TOPICS_PER_PAGE < topics.length;
    buttons.push(
      hasMore
        ? { value: { group: groupId, page: page + 1 } }
        : { label: { key: 'menu.back' }, value: { action: 'menu' } },
    );
    return {
      view: {
        texts: [{ key: 'menu.groupAsk', args: { group: { key: `menu.group.${groupId}` } } }],
        buttons,
      },
    };
  }
}
