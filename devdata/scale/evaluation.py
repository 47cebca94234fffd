"""Both sides' evaluations, the dashboard's rollups and the improvement items."""

from django.utils import timezone

from devdata.scale.common import bulk, write
from evaluation.models import Answer, Evaluation, EvaluationRound, ImprovementItem, RoundKind
from evaluation.models import Side as EvaluationSide
from projects.choices import Stage
from projects.models import Project


class EvaluationMixin:
    def _seed_evaluations(self, projects: list[Project]) -> None:
        r = self.random
        evaluated = [
            p
            for p in projects
            if p.stage in (Stage.EVALUATION, Stage.CLOSED) and p.pk in self.partner_of
        ]
        now = timezone.now()
        rounds = bulk(
            EvaluationRound,
            [
                EvaluationRound(
                    project=p,
                    kind=RoundKind.FINAL,
                    unsealed_at=now if p.stage == Stage.CLOSED or p.n % 2 else None,
                    meeting_date=p.end_date if p.stage == Stage.CLOSED else None,
                    meeting_attendees="担当課 2名、NPO 2名" if p.stage == Stage.CLOSED else "",
                    conclusions="次年度は参加者の募集を早める。" if p.stage == Stage.CLOSED else "",
                    exchange_recorded_at=now if p.stage == Stage.CLOSED else None,
                    published_at=now if p.stage == Stage.CLOSED and p.n % 3 == 0 else None,
                )
                for p in evaluated
            ],
        )
        sheets = []
        for round_, project in zip(rounds, evaluated, strict=True):
            both = round_.unsealed_at is not None
            for side, organization_id in (
                (EvaluationSide.GOVERNMENT, project.owner_office_id),
                (EvaluationSide.NPO, self.partner_of[project.pk]),
            ):
                submitted = both or side == EvaluationSide.GOVERNMENT
                sheets.append(
                    Evaluation(
                        round=round_,
                        side=side,
                        organization_id=organization_id,
                        status=Evaluation.Status.SUBMITTED
                        if submitted
                        else Evaluation.Status.DRAFT,
                        overall_comment="おおむね計画どおりに進んだ。",
                        submitted_at=now if submitted else None,
                        comment_on_other="相手の評価を読み、課題の認識が一致した。" if both else "",
                    )
                )
        # The scores first (the same draws in the same order as always), so that the sheets go
        # in with the dashboard's rollups already filled: the same values score_rollups_fill
        # writes on a submission (each submitted sheet's total and count; on the NPO answers of
        # an unsealed round, the government sheet's score for the item), without updating half
        # the answers table again after writing it (and the dead rows that would leave behind).
        scores_of = []
        for sheet in sheets:
            bias = 0 if sheet.side == EvaluationSide.GOVERNMENT else r.choice((-1, 0, 0, 1))
            scores = [min(5, max(1, r.choice((3, 4, 4, 5, 2)) + bias)) for _item in self.item_keys]
            scores_of.append(scores)
            if sheet.status == Evaluation.Status.SUBMITTED:
                sheet.score_total, sheet.scored_items = sum(scores), len(scores)
        sheets = bulk(Evaluation, sheets)
        answers = []
        government_scores = None
        for sheet, scores in zip(sheets, scores_of, strict=True):
            # Sheets come in pairs per round, the government's first.
            if sheet.side == EvaluationSide.GOVERNMENT:
                government_scores = scores
            paired = (
                sheet.side == EvaluationSide.NPO
                and sheet.status == Evaluation.Status.SUBMITTED
                and sheet.round.unsealed_at is not None
            )
            for (key, group, principle), score, government_score in zip(
                self.item_keys, scores, government_scores, strict=True
            ):
                answers.append(
                    Answer(
                        evaluation=sheet,
                        item=key,
                        group=group,
                        principle=principle,
                        score=score,
                        reason="期待を下回った" if score <= 2 else "",
                        comment="",
                        government_score=government_score if paired else None,
                    )
                )
        write(Answer, answers)
        write(
            ImprovementItem,
            [
                ImprovementItem(
                    round=round_,
                    project_id=round_.project_id,
                    text="参加者の募集を早め、広報を共同で行う。",
                    owner="both",
                    carry_forward=round_.project.n % 4 == 0,
                )
                for round_ in rounds
                if round_.exchange_recorded_at is not None
            ],
        )
