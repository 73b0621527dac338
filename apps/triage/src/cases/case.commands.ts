import {
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DateTime } from 'luxon';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { CLOCK, Clock, ZONE } from '@permanentie/domain';
import { AccessClaims, assertWachtpost, InvalidInput } from '@permanentie/platform';
import { evaluate } from '../protocols/protocol.model';
import { TriageSettingsService } from '../settings/triage-settings.service';
import { dueAt } from '../settings/due-times';
import { CaseHistory, CaseRecord } from './case.entity';
import {
  decideCancel,
  decideClose,
  decideEscalate,
  decideOverride,
  decideTriage,
  Decision,
  Refused,
} from './case.decide';
import { CaseWriter } from './case.writer';
import {
  CancelCaseDto,
  CloseCaseDto,
  CreateCaseDto,
  EscalateCaseDto,
  OverrideTriageDto,
  TriageCaseDto,
} from './dto/case.dto';

const actorOf = (user: AccessClaims) => `${user.role}:${user.sub}`;

/** Sorted-key JSON, so the same body always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

// ---------------------------------------------------------------- create

export class CreateCaseCommand {
  constructor(
    readonly user: AccessClaims,
    readonly wachtpostId: string,
    readonly idempotencyKey: string,
    readonly body: CreateCaseDto,
  ) {}
}

export interface CreateResult {
  record: CaseRecord;
  replayed: boolean;
}

@CommandHandler(CreateCaseCommand)
export class CreateCaseHandler implements ICommandHandler<CreateCaseCommand, CreateResult> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: TriageSettingsService,
    private readonly writer: CaseWriter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The body was checked in full by the DTO (./dto/validators: INSZ, postcode, RIZIV, dates
   * included), so every bad field was named in one 400 before we get here.
   */
  async execute({ user, wachtpostId, idempotencyKey, body }: CreateCaseCommand): Promise<CreateResult> {
    const hash = createHash('sha256')
      .update(canonical({ ...body, wachtpostId }))
      .digest('hex');
    const existing = await this.replay(wachtpostId, idempotencyKey, hash);
    if (existing) return existing;
    const now = this.clock.now();
    try {
      const record = await this.dataSource.transaction(async (tx) => {
        const p = body.patient;
        const { targets, zoneId } = await this.settings.read(tx, wachtpostId, p.address.postcode);
        const receivedAt = body.receivedAt ? DateTime.fromISO(body.receivedAt, { zone: ZONE }) : now;
        const record = tx.create(CaseRecord, {
          id: randomUUID(),
          wachtpostId,
          version: 1,
          status: 'received',
          channel: body.channel,
          receivedAt: receivedAt.toJSDate(),
          callerName: body.caller.name ?? null,
          callerPhone: body.caller.phone ?? null,
          callerRelation: body.caller.relation,
          patientName: p.name,
          patientBirthDate: p.birthDate,
          patientInsz: p.insz ? p.insz.replace(/[\s./-]/g, '') : null,
          patientPhone: p.phone ?? null,
          patientStreet: p.address.street ?? null,
          patientCity: p.address.city ?? null,
          postcode: p.address.postcode,
          language: p.language,
          ownGpRiziv: body.ownGp?.riziv ? body.ownGp.riziv.replace(/[\s./-]/g, '') : null,
          ownGpName: body.ownGp?.name ?? null,
          zoneId,
          protocolVersionId: null,
          complaintCode: null,
          answers: null,
          proposedUrgency: null,
          proposedDisposition: null,
          ruleIndex: null,
          urgency: null,
          disposition: null,
          overrideReason: null,
          overriddenBy: null,
          triagedAt: null,
          revision: 0,
          dueAt: dueAt(receivedAt, null, targets).toJSDate(),
          offeredGpId: null,
          offerExpiresAt: null,
          assignedGpId: null,
          slaBreachedAt: null,
          escalatedAt: null,
          escalationReason: null,
          closedAt: null,
          closingNote: null,
          cancelledAt: null,
          cancelReasonCode: null,
          cancelReason: null,
          idempotencyKey,
          requestHash: hash,
          createdBy: actorOf(user),
          createdAt: now.toJSDate(),
          updatedAt: now.toJSDate(),
        });
        await tx.insert(CaseRecord, record);
        await tx.insert(CaseHistory, {
          caseId: record.id,
          at: receivedAt.toJSDate(),
          actor: actorOf(user),
          kind: 'received',
          data: { channel: body.channel },
        });
        await this.writer.announceRecorded(tx, record);
        return record;
      });
      return { record, replayed: false };
    } catch (e) {
      // Two submits with one key at the same moment: the loser returns the winner's case.
      const constraint = (e as QueryFailedError & { driverError?: { constraint?: string } }).driverError
        ?.constraint;
      if (e instanceof QueryFailedError && constraint === 'cases_idempotency') {
        const again = await this.replay(wachtpostId, idempotencyKey, hash);
        if (again) return again;
      }
      throw e;
    }
  }

  private async replay(wachtpostId: string, key: string, hash: string): Promise<CreateResult | null> {
    const found = await this.dataSource
      .getRepository(CaseRecord)
      .findOne({ where: { wachtpostId, idempotencyKey: key } });
    if (!found) return null;
    if (found.requestHash !== hash)
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: 'Idempotency-Key al gebruikt voor een andere aanvraag / clé déjà utilisée',
        errors: [{ field: 'Idempotency-Key', reason: 'al gebruikt met een andere inhoud' }],
      });
    return { record: found, replayed: true };
  }
}

// ---------------------------------------------------------------- commands on an existing case

abstract class CaseCommand {
  constructor(
    readonly user: AccessClaims,
    readonly caseId: string,
    readonly version: number,
  ) {}
}

/** load (locked) -> scope -> version -> decide -> save + publish, in one transaction. */
@Injectable()
abstract class CaseCommandHandler<C extends CaseCommand> {
  constructor(
    protected readonly dataSource: DataSource,
    protected readonly writer: CaseWriter,
    protected readonly settings: TriageSettingsService,
    @Inject(CLOCK) protected readonly clock: Clock,
  ) {}

  protected abstract decide(
    tx: EntityManager,
    record: CaseRecord,
    command: C,
  ): Promise<{ decision: Decision; extra?: Partial<CaseRecord> }>;

  async execute(command: C): Promise<CaseRecord> {
    return this.dataSource.transaction(async (tx) => {
      const record = await this.writer.load(tx, command.caseId);
      if (!record) throw new NotFoundException('Zaak niet gevonden / dossier introuvable');
      assertWachtpost(command.user, record.wachtpostId);
      if (record.version !== command.version)
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: 'Gewijzigd door iemand anders; herlaad / modifié entre-temps',
          currentVersion: record.version,
        });
      let result: { decision: Decision; extra?: Partial<CaseRecord> };
      try {
        result = await this.decide(tx, record, command);
      } catch (e) {
        if (e instanceof Refused)
          throw new ConflictException({ statusCode: 409, error: 'Conflict', message: e.reason });
        throw e;
      }
      return this.writer.apply(tx, record, result.decision, actorOf(command.user), result.extra);
    });
  }
}

export class TriageCaseCommand extends CaseCommand {
  constructor(
    user: AccessClaims,
    caseId: string,
    readonly body: TriageCaseDto,
  ) {
    super(user, caseId, body.version);
  }
}

@CommandHandler(TriageCaseCommand)
export class TriageCaseHandler extends CaseCommandHandler<TriageCaseCommand> {
  protected async decide(tx: EntityManager, record: CaseRecord, { body, user }: TriageCaseCommand) {
    const { protocol, targets, zoneId } = await this.settings.forTriage(
      tx,
      record.wachtpostId,
      record.postcode,
    );
    const answers = body.answers ?? {};
    const nonStrings = Object.entries(answers)
      .filter(([, v]) => typeof v !== 'string')
      .map(([k]) => ({ field: `answers.${k}`, reason: 'moet een optiecode zijn' }));
    if (nonStrings.length > 0) throw new InvalidInput(nonStrings);
    const evaluation = evaluate(protocol.definition, body.complaintCode, answers);
    if (Array.isArray(evaluation)) throw new InvalidInput(evaluation);
    // An override in the same request: the protocol's result is kept as the proposal, and only
    // the override is acted on (one routing, one event). The DTO checked reason and U1/112 pair.
    const override = body.override
      ? { urgency: body.override.urgency, disposition: body.override.disposition }
      : undefined;
    const decision = decideTriage(record, evaluation.outcome, this.clock.now(), targets, override);
    if (body.override && decision.moreHistory?.[0])
      decision.moreHistory[0].data = { ...decision.moreHistory[0].data, reason: body.override.reason };
    return {
      decision,
      extra: {
        ...(body.override ? { overrideReason: body.override.reason, overriddenBy: actorOf(user) } : {}),
        protocolVersionId: protocol.id,
        complaintCode: evaluation.complaint.code,
        answers,
        proposedUrgency: evaluation.outcome.urgency,
        proposedDisposition: evaluation.outcome.disposition,
        ruleIndex: evaluation.ruleIndex,
        zoneId,
      },
    };
  }
}

export class OverrideTriageCommand extends CaseCommand {
  constructor(
    user: AccessClaims,
    caseId: string,
    readonly body: OverrideTriageDto,
  ) {
    super(user, caseId, body.version);
  }
}

@CommandHandler(OverrideTriageCommand)
export class OverrideTriageHandler extends CaseCommandHandler<OverrideTriageCommand> {
  protected async decide(tx: EntityManager, record: CaseRecord, { body, user }: OverrideTriageCommand) {
    // The DTO checked the reason and the U1/112 pair (PairsWithUrgency).
    const targets = await this.settings.targets(tx, record.wachtpostId);
    const decision = decideOverride(record, body, this.clock.now(), targets);
    decision.history.data = { ...decision.history.data, reason: body.reason };
    return { decision, extra: { overrideReason: body.reason, overriddenBy: actorOf(user) } };
  }
}

export class EscalateCaseCommand extends CaseCommand {
  constructor(
    user: AccessClaims,
    caseId: string,
    readonly body: EscalateCaseDto,
  ) {
    super(user, caseId, body.version);
  }
}

@CommandHandler(EscalateCaseCommand)
export class EscalateCaseHandler extends CaseCommandHandler<EscalateCaseCommand> {
  protected async decide(tx: EntityManager, record: CaseRecord, { body }: EscalateCaseCommand) {
    const targets = await this.settings.targets(tx, record.wachtpostId);
    return {
      decision: decideEscalate(record, this.clock.now(), targets),
      extra: { escalationReason: body.reason ?? null },
    };
  }
}

export class CancelCaseCommand extends CaseCommand {
  constructor(
    user: AccessClaims,
    caseId: string,
    readonly body: CancelCaseDto,
  ) {
    super(user, caseId, body.version);
  }
}

@CommandHandler(CancelCaseCommand)
export class CancelCaseHandler extends CaseCommandHandler<CancelCaseCommand> {
  protected async decide(_tx: EntityManager, record: CaseRecord, { body }: CancelCaseCommand) {
    if (body.reasonCode === 'other' && !body.reason?.trim())
      throw new InvalidInput([{ field: 'reason', reason: 'verplicht bij reasonCode other' }]);
    return {
      decision: decideCancel(record, body.reasonCode, this.clock.now()),
      extra: { cancelReason: body.reason ?? null },
    };
  }
}

export class CloseCaseCommand extends CaseCommand {
  constructor(
    user: AccessClaims,
    caseId: string,
    readonly body: CloseCaseDto,
  ) {
    super(user, caseId, body.version);
  }
}

@CommandHandler(CloseCaseCommand)
export class CloseCaseHandler extends CaseCommandHandler<CloseCaseCommand> {
  protected async decide(_tx: EntityManager, record: CaseRecord, { body, user }: CloseCaseCommand) {
    return {
      decision: decideClose(record, body.disposition, this.clock.now(), { kind: 'dispatcher', id: user.sub }),
      extra: { closingNote: body.note ?? null },
    };
  }
}

export const CASE_COMMAND_HANDLERS = [
  CreateCaseHandler,
  TriageCaseHandler,
  OverrideTriageHandler,
  EscalateCaseHandler,
  CancelCaseHandler,
  CloseCaseHandler,
];
