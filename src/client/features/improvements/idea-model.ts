/**
 * View model of the ideas kanban: the four columns with their cards, and what a card's "→" and
 * "←" buttons do (the stage next door, and a rank that puts the card last there).
 */
import { ideasByStage, IDEA_FLOW, nextStage, previousStage, rankAtEnd } from '../../../shared/domain/meeting/actions';
import type { Idea, IdeaStage } from '../../../shared/schema/idea';
import { tx } from './texts';

export interface KanbanColumn {
  stage: IdeaStage;
  title: string;
  cards: Idea[];
}

export const stageText = (s: IdeaStage): string => tx(`ideaStage.${s}`);

export function kanban(ideas: readonly Idea[]): KanbanColumn[] {
  const by = ideasByStage(ideas);
  return IDEA_FLOW.map((stage) => ({ stage, title: stageText(stage), cards: by[stage] }));
}

/** The patch that moves a card one column (dir 1 = →, -1 = ←), or null at either end. */
export function movePatch(ideas: readonly Idea[], idea: Idea, dir: 1 | -1): Pick<Idea, 'stage' | 'rank'> | null {
  const to = dir === 1 ? nextStage(idea.stage) : previousStage(idea.stage);
  if (to === null) return null;
  return { stage: to, rank: rankAtEnd(ideas.filter((i) => i.stage === to && i.id !== idea.id)) };
}

/** Button text for a move, or null when the card cannot go that way. */
export function moveLabel(idea: Idea, dir: 1 | -1): string | null {
  const to = dir === 1 ? nextStage(idea.stage) : previousStage(idea.stage);
  if (to === null) return null;
  return tx(dir === 1 ? 'ideas.forward' : 'ideas.backward', { title: idea.title, stage: stageText(to) });
}
