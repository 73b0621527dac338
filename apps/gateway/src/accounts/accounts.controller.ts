import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@permanentie/platform';
import { AuthService } from '../auth/auth.service';
import { AccountView, CreateAccountDto, ListAccountsQuery, UpdateAccountDto } from './account.dto';
import { AccountsService, viewOf } from './accounts.service';

/** Account management: admins only. */
@ApiTags('accounts')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/accounts')
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly auth: AuthService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: AccountView })
  create(@Body() dto: CreateAccountDto): Promise<AccountView> {
    return this.accounts.create(dto);
  }

  @Get()
  @ApiOkResponse({ type: [AccountView] })
  list(@Query() q: ListAccountsQuery): Promise<AccountView[]> {
    return this.accounts.list(q.role);
  }

  @Get(':id')
  @ApiOkResponse({ type: AccountView })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<AccountView> {
    return viewOf(await this.accounts.get(id));
  }

  /** Deactivate, reset the password or rename; the first two end the account's sessions. */
  @Patch(':id')
  @ApiOkResponse({ type: AccountView })
  async update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateAccountDto): Promise<AccountView> {
    const { view, endSessions } = await this.accounts.update(id, dto);
    if (endSessions) await this.auth.revokeAllOf(id, dto.active === false ? 'deactivated' : 'password_reset');
    return view;
  }
}
