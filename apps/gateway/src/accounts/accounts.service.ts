import {
  ConflictException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, Repository } from 'typeorm';
import { Role } from '@permanentie/contracts';
import { CLOCK, Clock } from '@permanentie/domain';
import { GatewayConfig } from '../gateway.config';
import { hashPassword } from '../auth/passwords';
import { Account } from './account.entity';
import { AccountView, CreateAccountDto, UpdateAccountDto } from './account.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);

export function viewOf(a: Account): AccountView {
  return {
    id: a.id,
    username: a.username,
    role: a.role,
    displayName: a.displayName,
    ...(a.wachtpostId ? { wachtpostId: a.wachtpostId } : {}),
    ...(a.kringId ? { kringId: a.kringId } : {}),
    ...(a.gpId ? { gpId: a.gpId } : {}),
    active: a.active,
  };
}

/** A role carries exactly the scope it needs: the rest is dropped. */
function scopeOf(dto: CreateAccountDto): Pick<Account, 'wachtpostId' | 'kringId' | 'gpId'> {
  const keep: Record<Role, Array<'wachtpostId' | 'kringId' | 'gpId'>> = {
    dispatcher: ['wachtpostId', 'kringId'],
    gp: ['gpId', 'kringId'],
    planner: ['kringId'],
    admin: [],
  };
  const k = keep[dto.role];
  return {
    wachtpostId: k.includes('wachtpostId') ? (dto.wachtpostId ?? null) : null,
    kringId: k.includes('kringId') ? (dto.kringId ?? null) : null,
    gpId: k.includes('gpId') ? (dto.gpId ?? null) : null,
  };
}

@Injectable()
export class AccountsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Accounts');

  constructor(
    @InjectRepository(Account) private readonly accounts: Repository<Account>,
    private readonly dataSource: DataSource,
    private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A fresh installation gets its first admin from ADMIN_USERNAME / ADMIN_PASSWORD. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.ADMIN_PASSWORD) return;
    if (await this.accounts.exists({ where: { role: 'admin' } })) return;
    await this.create({
      username: this.config.ADMIN_USERNAME,
      password: this.config.ADMIN_PASSWORD,
      role: 'admin',
      displayName: 'Beheerder',
    }).catch((e: Error) => {
      if (!(e instanceof ConflictException)) throw e; // another instance made it meanwhile
    });
    this.logger.log(`created the first admin account "${this.config.ADMIN_USERNAME}"`);
  }

  async create(dto: CreateAccountDto): Promise<AccountView> {
    const now = this.clock.now().toJSDate();
    const account: Account = {
      id: randomUUID(),
      username: dto.username,
      passwordHash: await hashPassword(dto.password),
      role: dto.role,
      displayName: dto.displayName,
      ...scopeOf(dto),
      active: true,
      createdAt: now,
      updatedAt: now,
    };
    const taken = await this.accounts
      .createQueryBuilder('a')
      .where('lower(a.username) = lower(:u)', { u: dto.username })
      .getExists();
    if (taken) throw new ConflictException('Gebruikersnaam bestaat al / nom d’utilisateur déjà pris');
    await this.accounts.insert(account);
    return viewOf(account);
  }

  async list(role?: Role): Promise<AccountView[]> {
    const rows = await this.accounts.find({ where: role ? { role } : {}, order: { username: 'ASC' } });
    return rows.map(viewOf);
  }

  async get(id: string): Promise<Account> {
    const account = isUuid(id) ? await this.accounts.findOne({ where: { id } }) : null;
    if (!account) throw new NotFoundException('Account niet gevonden / compte introuvable');
    return account;
  }

  /** With its password hash, for the login check only. */
  async findForLogin(username: string): Promise<Account | null> {
    return this.accounts
      .createQueryBuilder('a')
      .addSelect('a.passwordHash')
      .where('lower(a.username) = lower(:u)', { u: username })
      .getOne();
  }

  /** Returns whether existing sessions must end (deactivated or new password). */
  async update(id: string, dto: UpdateAccountDto): Promise<{ view: AccountView; endSessions: boolean }> {
    const account = await this.get(id);
    const patch: Partial<Account> = { updatedAt: this.clock.now().toJSDate() };
    if (dto.displayName !== undefined) patch.displayName = dto.displayName;
    if (dto.active !== undefined) patch.active = dto.active;
    if (dto.password !== undefined) patch.passwordHash = await hashPassword(dto.password);
    await this.dataSource.getRepository(Account).update({ id }, patch);
    const { passwordHash: _, ...rest } = patch;
    return {
      view: viewOf({ ...account, ...rest }),
      endSessions: dto.active === false || dto.password !== undefined,
    };
  }
}
