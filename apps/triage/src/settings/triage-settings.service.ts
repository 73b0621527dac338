import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CLOCK, Clock } from '@permanentie/domain';
import { ProtocolVersion } from '../protocols/protocol-version.entity';
import { ProtocolDefinition } from '../protocols/protocol.model';
import { SAMPLE_PROTOCOL } from '../protocols/sample-protocol';
import { DEFAULT_TARGETS, DueRules, UrgencyTargets } from './due-times';
import { WachtpostSettings } from './wachtpost-settings.entity';

/** Protocol versions kept in memory (a few per wachtpost). */
const VERSIONS_KEPT = 200;

/** Per-wachtpost triage settings: time targets and protocol versions. */
@Injectable()
export class TriageSettingsService {
  private readonly keptVersions = new Map<string, ProtocolVersion>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The settings row, created with the defaults of DOMAIN.md when the wachtpost has none yet. */
  async ensure(tx: EntityManager, wachtpostId: string, lock = false): Promise<WachtpostSettings> {
    await tx.query(
      `INSERT INTO wachtpost_settings (wachtpost_id, targets, active_protocol_id, version, updated_at)
       VALUES ($1, $2, NULL, 1, $3) ON CONFLICT (wachtpost_id) DO NOTHING`,
      [wachtpostId, JSON.stringify(DEFAULT_TARGETS), this.clock.now().toJSDate()],
    );
    const row = await tx.findOne(WachtpostSettings, {
      where: { wachtpostId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!row) throw new Error('settings row vanished');
    return row;
  }

  /**
   * In one statement: the wachtpost's targets with the community holidays of its kring (none
   * until roster says), its active protocol id, and the zone a postcode falls in.
   */
  async read(
    tx: EntityManager,
    wachtpostId: string,
    postcode: string | null = null,
  ): Promise<{ targets: DueRules; activeProtocolId: string | null; zoneId: string | null }> {
    const [row]: {
      targets: UrgencyTargets | null;
      active_protocol_id: string | null;
      community_holidays: DueRules['communityHolidays'] | null;
      zone_id: string | null;
    }[] = await tx.query(
      `SELECT s.targets, s.active_protocol_id,
         (SELECT c.community_holidays FROM kring_calendar c
           WHERE c.kring_id = (SELECT kring_id FROM zones WHERE wachtpost_id = $1 ORDER BY zone_id LIMIT 1))
           AS community_holidays,
         (SELECT zone_id FROM zones WHERE wachtpost_id = $1 AND active AND postcodes @> ARRAY[$2::text]
           ORDER BY zone_id LIMIT 1) AS zone_id
       FROM (VALUES (1)) AS one LEFT JOIN wachtpost_settings s ON s.wachtpost_id = $1`,
      [wachtpostId, postcode],
    );
    return {
      targets: {
        ...DEFAULT_TARGETS,
        ...(row?.targets ?? {}),
        communityHolidays: row?.community_holidays ?? [],
      },
      activeProtocolId: row?.active_protocol_id ?? null,
      zoneId: row?.zone_id ?? null,
    };
  }

  async targets(tx: EntityManager, wachtpostId: string): Promise<DueRules> {
    return (await this.read(tx, wachtpostId)).targets;
  }

  /** What a triage needs, in one read: the active protocol, the targets and the postcode's zone. */
  async forTriage(
    tx: EntityManager,
    wachtpostId: string,
    postcode: string,
  ): Promise<{ protocol: ProtocolVersion; targets: DueRules; zoneId: string | null }> {
    const { targets, activeProtocolId, zoneId } = await this.read(tx, wachtpostId, postcode);
    const protocol = (activeProtocolId && (await this.version(tx, activeProtocolId))) || null;
    return { protocol: protocol ?? (await this.activeProtocol(tx, wachtpostId)), targets, zoneId };
  }

  async updateTargets(
    wachtpostId: string,
    targets: UrgencyTargets,
    expectedVersion: number,
  ): Promise<WachtpostSettings> {
    return this.dataSource.transaction(async (tx) => {
      const row = await this.ensure(tx, wachtpostId, true);
      if (row.version !== expectedVersion)
        throw new ConflictException('Gewijzigd door iemand anders; herlaad / modifié entre-temps');
      row.targets = targets;
      row.version += 1;
      row.updatedAt = this.clock.now().toJSDate();
      return tx.save(row);
    });
  }

  /**
   * The protocol a new triage uses. A wachtpost that never loaded one gets the sample protocol
   * as its version 1.
   */
  async activeProtocol(tx: EntityManager, wachtpostId: string): Promise<ProtocolVersion> {
    const current = await tx.findOne(WachtpostSettings, { where: { wachtpostId } });
    if (current?.activeProtocolId) {
      const found = await this.version(tx, current.activeProtocolId);
      if (found) return found;
    }
    const row = await this.ensure(tx, wachtpostId, true);
    if (row.activeProtocolId) {
      const found = await this.version(tx, row.activeProtocolId);
      if (found) return found;
    }
    return this.insertVersion(tx, row, SAMPLE_PROTOCOL, true, 'system');
  }

  /**
   * A protocol version by id. Versions never change once written, so every instance may keep
   * them (the definition is the largest thing a triage reads).
   */
  private async version(tx: EntityManager, id: string): Promise<ProtocolVersion | null> {
    const cached = this.keptVersions.get(id);
    if (cached) return cached;
    const found = await tx.findOne(ProtocolVersion, { where: { id } });
    if (found) {
      if (this.keptVersions.size >= VERSIONS_KEPT) this.keptVersions.clear();
      this.keptVersions.set(id, found);
    }
    return found;
  }

  async loadProtocol(
    wachtpostId: string,
    definition: ProtocolDefinition,
    activate: boolean,
    loadedBy: string,
  ): Promise<{ version: ProtocolVersion; active: boolean }> {
    return this.dataSource.transaction(async (tx) => {
      const row = await this.ensure(tx, wachtpostId, true);
      const version = await this.insertVersion(tx, row, definition, activate, loadedBy);
      return { version, active: activate };
    });
  }

  async activate(wachtpostId: string, versionNumber: number): Promise<ProtocolVersion> {
    return this.dataSource.transaction(async (tx) => {
      const row = await this.ensure(tx, wachtpostId, true);
      const version = await tx.findOne(ProtocolVersion, { where: { wachtpostId, version: versionNumber } });
      if (!version) throw new NotFoundException(`Geen protocolversie ${versionNumber}`);
      await tx.update(
        WachtpostSettings,
        { wachtpostId },
        { activeProtocolId: version.id, version: row.version + 1, updatedAt: this.clock.now().toJSDate() },
      );
      return version;
    });
  }

  async versions(wachtpostId: string): Promise<{ list: ProtocolVersion[]; activeId: string | null }> {
    const [list, row] = await Promise.all([
      this.dataSource
        .getRepository(ProtocolVersion)
        .find({ where: { wachtpostId }, order: { version: 'ASC' } }),
      this.dataSource.getRepository(WachtpostSettings).findOne({ where: { wachtpostId } }),
    ]);
    return { list, activeId: row?.activeProtocolId ?? null };
  }

  private async insertVersion(
    tx: EntityManager,
    settings: WachtpostSettings,
    definition: ProtocolDefinition,
    activate: boolean,
    loadedBy: string,
  ): Promise<ProtocolVersion> {
    const [{ next }] = await tx.query(
      `SELECT coalesce(max(version), 0) + 1 AS next FROM protocol_versions WHERE wachtpost_id = $1`,
      [settings.wachtpostId],
    );
    const version = tx.create(ProtocolVersion, {
      id: randomUUID(),
      wachtpostId: settings.wachtpostId,
      version: Number(next),
      code: definition.code,
      definition,
      loadedAt: this.clock.now().toJSDate(),
      loadedBy,
    });
    await tx.insert(ProtocolVersion, version);
    if (activate)
      await tx.update(
        WachtpostSettings,
        { wachtpostId: settings.wachtpostId },
        {
          activeProtocolId: version.id,
          version: settings.version + 1,
          updatedAt: this.clock.now().toJSDate(),
        },
      );
    return version;
  }
}
